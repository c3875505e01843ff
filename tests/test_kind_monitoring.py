"""Public monitoring (``monitoring/<id>.md``): its rules fire and stay quiet, and it gets pages, feeds, data, a scaffold.

The clean record is the example of the reference page (``content/<lang>/reference/monitoring.md``), written
into the synthetic council: decided at meeting 2026-01 (19 January 2026), carried out 2 February – 31 March,
conclusion adopted 17 April at meeting 2026-03 with all four elements, published 20 April, recommendations sent
to the akimat on 24 April; recommendation 2026-r2 came out of it.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import feedparser
import jsonschema
import pytest
import yaml

from ashyq.cli import main
from ashyq.i18n import t
from ashyq.kinds import by_kind, record_types
from ashyq.render.opendata import csv_columns
from conftest import PortalFiles, split_front_matter

REPO = Path(__file__).resolve().parents[1]
M = "monitoring/2026-m1.md"
D = dt.date.fromisoformat
RULES = ("monitoring.decision", "monitoring.plan", "monitoring.conclusion", "monitoring.recommendations-sent",
         "monitoring.published", "monitoring.integrity")


def reference_example(lang: str) -> str:
    page = (REPO / "content" / lang / "reference" / "monitoring.md").read_text(encoding="utf-8")
    found = re.search(r'```markdown title="councils/aksu-district/monitoring/2026-m1.md"\n(.*?)```', page, re.S)
    assert found, f"the {lang} reference shows a complete example"
    return found.group(1)


@pytest.fixture
def mon(portal: PortalFiles) -> PortalFiles:
    portal.write(M, reference_example("ru"))
    return portal


def mine(portal: PortalFiles, rule: str, **kw) -> list[dict]:
    return portal.findings(**kw).of(rule)


def only(portal: PortalFiles, rule: str) -> dict:
    found = mine(portal, rule)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------- the type and the reference


def test_registered_after_hearings_with_its_parts():
    kinds = [rt.kind for rt in record_types()]
    assert kinds.index("monitoring") == kinds.index("hearing") + 1
    rt = by_kind()["monitoring"]
    assert (rt.folder, rt.calendar, rt.data.name, rt.data.type_name) == ("monitoring", None, "monitoring", "Monitoring")
    assert [(f.name, f.order, f.page) for f in rt.feeds] == [("monitoring", 32, "")]
    assert (rt.template_dir / rt.page_template).is_file() and (rt.template_dir / rt.section_template).is_file()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_reference_example_passes_the_check(portal: PortalFiles, lang: str):
    assert reference_example(lang) == reference_example("ru")  # one example, the same in both pages
    portal.write(M, reference_example(lang))
    code, report = portal.check()
    assert [f for f in report.findings if f["file"] == portal.file(M) or f["rule"] in RULES] == []
    assert code == 0


def test_the_reference_documents_every_field():
    from ashyq.kinds.monitoring.model import Addressee, Conclusion, Decision, Monitoring, Performer

    for lang in ("kk", "ru"):
        page = (REPO / "content" / lang / "reference" / "monitoring.md").read_text(encoding="utf-8")
        for model in (Monitoring, Decision, Performer, Conclusion, Addressee):
            for name in model.model_fields:
                assert f"| `{name}` |" in page, (lang, model.__name__, name)
        for rule in RULES:
            assert f"`{rule}`" in page, (lang, rule)


# --------------------------------------------------------------------- monitoring.decision


def test_clean_monitoring_has_no_findings(mon):
    assert [f for f in mon.findings().findings if f["rule"] in RULES] == []


def test_started_monitoring_without_decision_is_reported(mon):
    mon.edit_yaml(M, lambda d: d.pop("decision"))
    f = only(mon, "monitoring.decision")
    assert (f["kind"], f["severity"], f["field"]) == ("compliance", "E", "start")
    assert f["line"] == mon.line_of(M, "start:")


def test_planned_monitoring_not_started_needs_no_decision_yet(mon):
    mon.edit_yaml(M, lambda d: (d.pop("decision"), d.pop("conclusion"), d.update(
        status="planned", start=D("2027-02-01"), end=D("2027-03-31"), sent_to=[], recommendations=[])))
    assert mine(mon, "monitoring.decision") == []


def test_cancelled_monitoring_is_not_checked(mon):
    mon.edit_yaml(M, lambda d: (d.pop("decision"), d.pop("goals"), d.update(status="cancelled", performers=[])))
    found = mon.findings()
    assert [f for f in found.findings if f["rule"] in RULES] == []


def test_decision_after_the_start_is_reported(mon):
    mon.edit_yaml(M, lambda d: d.update(start=D("2026-01-12")))
    f = only(mon, "monitoring.decision")
    assert f["field"] == "decision.date" and f["params"]["start"] == "2026-01-12"


def test_decision_of_a_meeting_not_held_is_reported(mon):
    mon.edit_yaml("meetings/2026-01.md", lambda d: d.update(status="cancelled"))
    f = [f for f in mine(mon, "monitoring.decision") if f["file"] == mon.file(M)]
    assert len(f) == 1 and f[0]["field"] == "decision.meeting"


def test_monitoring_without_performers_is_reported(mon):
    mon.edit_yaml(M, lambda d: d.update(performers=[]))
    assert only(mon, "monitoring.decision")["field"] == "performers"


# --------------------------------------------------------------------- monitoring.plan


def test_plan_without_goals_is_reported(mon):
    mon.edit_yaml(M, lambda d: d.pop("goals"))
    f = only(mon, "monitoring.plan")
    assert (f["field"], f["severity"]) == ("goals", "E")


def test_temporary_monitoring_without_end_is_reported(mon):
    mon.edit_yaml(M, lambda d: d.pop("end"))
    assert only(mon, "monitoring.plan")["field"] == "end"


def test_permanent_monitoring_needs_no_end(mon):
    mon.edit_yaml(M, lambda d: (d.pop("end"), d.pop("conclusion"), d.update(permanent=True, status="ongoing")))
    assert mine(mon, "monitoring.plan") == [] and mine(mon, "monitoring.conclusion") == []


# --------------------------------------------------------------------- monitoring.conclusion


@pytest.mark.parametrize(("field", "case"), [("negative_consequences", "negative-consequences"),
                                             ("efficiency_proposals", "efficiency"),
                                             ("violation_recommendations", "violations"),
                                             ("amendments", "amendments")])
def test_conclusion_without_an_element_is_reported(mon, field, case):
    mon.edit_yaml(M, lambda d: d["conclusion"].pop(field))
    f = only(mon, "monitoring.conclusion")
    assert f["field"] == "conclusion" and f["severity"] == "E"
    assert t("kk", f"monitoring.conclusion/{case}") in f["message"]


def test_completed_monitoring_without_conclusion_is_reported(mon):
    mon.edit_yaml(M, lambda d: (d.pop("conclusion"), d.update(sent_to=[], recommendations=[])))
    assert only(mon, "monitoring.conclusion")["field"] == "status"


def test_ended_monitoring_waits_grace_days_for_its_conclusion(mon):
    def ongoing(d):
        d.pop("conclusion")
        d.update(status="ongoing", sent_to=[], recommendations=[], end=D("2026-11-01"))
    mon.edit_yaml(M, ongoing)
    assert mine(mon, "monitoring.conclusion") == []  # 20 days after the end, 30 allowed
    mon.config(lambda d: d["rules"].update({"monitoring.conclusion": {"grace_days": 10}}))
    f = only(mon, "monitoring.conclusion")
    assert f["params"]["due"] == "2026-11-11"


# --------------------------------------------------------------------- monitoring.recommendations-sent


def test_recommendations_sent_after_ten_days_are_late(mon):
    mon.edit_yaml(M, lambda d: (d.update(recommendations=[]), d["sent_to"][0].update(date=D("2026-04-28"))))
    f = only(mon, "monitoring.recommendations-sent")
    assert f["params"]["days"] == 11 and f["field"] == "sent_to"


def test_recommendations_sent_on_the_tenth_day_pass(mon):
    mon.edit_yaml(M, lambda d: (d.update(recommendations=[]), d["sent_to"][0].update(date=D("2026-04-27"))))
    assert mine(mon, "monitoring.recommendations-sent") == []


def test_recommendations_never_sent_are_reported(mon):
    mon.edit_yaml(M, lambda d: d.update(recommendations=[], sent_to=[]))
    f = only(mon, "monitoring.recommendations-sent")
    assert f["params"]["due"] == "2026-04-27"


def test_a_linked_recommendation_counts_as_sent(mon):
    # 2026-r2 was sent on 5 May: sent, but 18 days after adoption.
    mon.edit_yaml(M, lambda d: d.update(sent_to=[]))
    f = only(mon, "monitoring.recommendations-sent")
    assert f["params"]["sent"] == "2026-05-05"


def test_sent_to_media_only_is_not_sent_to_the_bodies(mon):
    mon.edit_yaml(M, lambda d: (d.update(recommendations=[]), d["sent_to"][0].update(kind="other")))
    assert len(mine(mon, "monitoring.recommendations-sent")) == 1


# --------------------------------------------------------------------- monitoring.published


def test_unpublished_conclusion_is_reported(mon):
    mon.edit_yaml(M, lambda d: d["conclusion"].pop("published"))
    f = only(mon, "monitoring.published")
    assert f["params"]["due"] == "2026-04-22" and (f["severity"], f["level"]) == ("W", "portal")


def test_conclusion_published_late_is_reported(mon):
    mon.edit_yaml(M, lambda d: d["conclusion"].update(published=D("2026-04-23")))
    assert only(mon, "monitoring.published")["field"] == "conclusion.published"


def test_publication_delay_is_configurable(mon):
    mon.edit_yaml(M, lambda d: d["conclusion"].update(published=D("2026-04-23")))
    mon.config(lambda d: d["rules"].update({"monitoring.published": {"working_days": 5}}))
    assert mine(mon, "monitoring.published") == []


# --------------------------------------------------------------------- monitoring.integrity


def test_unknown_meeting_stops_the_build(mon):
    mon.edit_yaml(M, lambda d: d["decision"].update(meeting="2031-01"))
    code, report = mon.check()
    f = report.one("monitoring.integrity")
    assert (f["kind"], f["field"], code) == ("data", "decision.meeting", 1)


def test_unknown_recommendation_and_wrong_decision_date_are_data_errors(mon):
    mon.edit_yaml(M, lambda d: (d.update(recommendations=["2026-r9"]), d["decision"].update(date=D("2026-01-20"))))
    fields = sorted(f["field"] for f in mon.findings().of("monitoring.integrity"))
    assert fields == ["decision.date", "recommendations[1]"]


def test_conclusion_adopted_in_the_future_or_before_the_start_is_a_data_error(mon):
    mon.edit_yaml(M, lambda d: d["conclusion"].update(adopted=D("2026-12-01")))
    assert [f["field"] for f in mon.findings().of("monitoring.integrity")] == ["conclusion.adopted"]
    mon.edit_yaml(M, lambda d: d["conclusion"].update(adopted=D("2026-01-30")))
    assert [f["field"] for f in mon.findings().of("monitoring.integrity")] == ["conclusion.adopted"]


# --------------------------------------------------------------------- ashyq new monitoring


def test_ashyq_new_writes_a_monitoring_with_the_next_id(portal: PortalFiles):
    root, slug = str(portal.root), portal.slug
    assert portal.path("monitoring/2026-m1.md").is_file()  # the clean council's own monitoring of the year
    assert main(["new", "monitoring", slug, root, "--no-input", "--today", "2026-11-21"]) == 0
    first = portal.read("monitoring/2026-m2.md")
    data = yaml.safe_load(split_front_matter(first)[0])
    assert data["id"] == "2026-m2" and data["start"] == D("2026-11-21") and "<<" in data["title"]["kk"]
    assert main(["new", "monitoring", slug, root, "--no-input", "--today", "2026-11-22"]) == 0
    assert portal.path("monitoring/2026-m3.md").is_file()
    code, report = portal.check()
    broken = [f for f in report.findings if f["file"] == portal.file("monitoring/2026-m2.md") and f["kind"] == "data"]
    assert {f["rule"] for f in broken} == {"data.placeholder"}  # only what the secretary is asked to fill in


# --------------------------------------------------------------------- the build: pages, feeds, data


@pytest.fixture(scope="module")
def built(tmp_path_factory, _clean_portal):
    root = tmp_path_factory.mktemp("monitoring") / "portal"
    shutil.copytree(_clean_portal, root)
    files = PortalFiles(root)
    files.write(M, reference_example("ru"))
    files.edit_yaml(M, lambda d: d["conclusion"].pop("published"))  # one finding, to show on page and feed
    site = root.parent / "site"
    assert main(["build", str(root), "--out", str(site), "--today", "2026-11-21"]) == 0
    return files, site


@pytest.mark.parametrize(("lang", "title", "words"), [
    ("kk", "Аудандық емханадағы кезектер", ("Мониторинг объектісі", "Қорытынды", "Мониторингті кім жүргізді")),
    ("ru", "Очереди в районной поликлинике", ("Объект мониторинга", "Заключение", "Кто проводил мониторинг"))])
def test_record_and_section_pages_in_both_languages(built, lang, title, words):
    files, site = built
    page = html.unescape((site / lang / "councils" / files.slug / "monitoring" / "2026-m1" / "index.html")
                         .read_text("utf-8"))
    assert title in page and all(w in page for w in words)
    assert "monitoring.published" in page  # the finding is published on the page
    assert not re.search(r"monitoring\.(?!published)[a-z]", page)  # no string of this type left untranslated
    assert "2026-r2" in page or "recommendations/2026-r2" in page  # the related recommendation
    section = (site / lang / "councils" / files.slug / "monitoring" / "index.html").read_text("utf-8")
    assert title in section
    meeting = (site / lang / "councils" / files.slug / "meetings" / "2026-01" / "index.html").read_text("utf-8")
    assert "monitoring/2026-m1/" in meeting  # related both ways


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_related_recommendation_is_named_by_its_kind(built, lang):
    files, site = built
    page = html.unescape((site / lang / "councils" / files.slug / "monitoring" / "2026-m1" / "index.html")
                         .read_text("utf-8"))
    assert "ui.kind-" not in page


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_monitoring_feed_parses(built, lang):
    files, site = built
    council = {"kk": "№1 қоғамдық кеңес", "ru": "Общественный совет №1"}[lang]  # the synthetic council's short name
    example = {"kk": "Аудандық емханадағы кезектер", "ru": "Очереди в районной поликлинике"}[lang]
    earlier = files.load("monitoring/2025-m1.md")["title"][lang]  # the clean council's monitoring of 2025
    for fmt in ("atom", "rss"):
        feed = feedparser.parse((site / lang / "feeds" / f"monitoring.{fmt}.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        titles = [e.title for e in feed.entries]
        assert titles == [f"{example} — {council}", f"{earlier} — {council}"]  # a portal-wide feed names the council
        summary = feed.entries[0].summary.replace("\u202f", " ").replace("\xa0", " ")
        assert {"kk": "Қорытынды 2026 ж. 17 сәуір қабылданды", "ru": "Заключение принято 17 апреля 2026"}[lang] \
            in summary


def test_open_data_validates_and_csv_has_the_columns(built):
    _files, site = built
    data = json.loads((site / "data" / "monitoring.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "schema" / "monitoring.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    items = {item["id"]: item for item in data["data"]}
    assert sorted(items) == ["council-001/monitoring/2025-m1", "council-001/monitoring/2026-m1"]
    item = items["council-001/monitoring/2026-m1"]
    assert item["type"] == "Monitoring" and item["conclusion"]["adopted"] == "2026-04-17"
    assert item["compliance"] == ["monitoring.published"]
    assert item["recommendations"] == ["council-001/recommendation/2026-r2"]
    with open(site / "data" / "monitoring.csv", encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == csv_columns()["monitoring"]
    assert len(table) == 1 + len(items)
    row = {r["monitoring"]: r for r in (dict(zip(table[0], line)) for line in table[1:])}["2026-m1"]
    assert (row["monitoring"], row["decision_meeting"], row["first_sent"]) == ("2026-m1", "2026-01", "2026-04-24")


# --------------------------------------------------------------------- the sample portal


def test_the_demo_councils_keep_monitoring_records_with_planted_findings():
    for slug in ("almaty-akimat", "minzdrav", "zhanaqala-audany"):
        assert list((REPO / "councils" / slug / "monitoring").glob("*.md")), slug
    proc_report = PortalFiles(REPO).findings(today="2026-11-30")
    found = {(f["rule"], f["file"]) for f in proc_report.findings if f["rule"].startswith("monitoring.")}
    assert ("monitoring.conclusion", "councils/almaty-akimat/monitoring/2026-m2.md") in found
    assert ("monitoring.recommendations-sent", "councils/minzdrav/monitoring/2026-m1.md") in found
    assert ("monitoring.published", "councils/zhanaqala-audany/monitoring/2025-m1.md") in found
    assert ("monitoring.decision", "councils/zhanaqala-audany/monitoring/2026-m1.md") in found
    assert not [f for f in proc_report.findings if f["rule"] == "monitoring.integrity"]
