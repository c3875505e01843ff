"""The maslikhat's record types: receptions, the appeals registry, deputies' quarterly reports.

Rules fire and stay silent on small portals written here (a copy of the sample maslikhat, changed); the
report's figures are computed from the registry and the receptions; the appeals format has no field for a
person, and its data files carry none.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from ashyq.kinds.appeal.figures import quarter_figures
from ashyq.kinds.appeal.model import Appeal, AppealMonth
from ashyq.validate import check_portal

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "councils" / "almaty-maslikhat"
TODAY = dt.date(2026, 11, 30)
SLUG = "m"


@pytest.fixture(scope="module")
def maslikhat_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from buildkit import sample_site

    return sample_site(tmp_path_factory).out


def _portal(tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    (root / "councils").mkdir(parents=True)
    shutil.copy2(REPO / "site_config.yml", root / "site_config.yml")
    council = root / "councils" / SLUG
    council.mkdir()
    for name in ("council.yml", "members.yml"):
        shutil.copy2(SAMPLE / name, council / name)
    (council / "receptions").mkdir()
    (council / "appeals").mkdir()
    (council / "deputy-reports").mkdir()
    return root


def _write(root: Path, rel: str, data: dict) -> None:
    (root / "councils" / SLUG / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")


def _reception(day: str, deputy: str = "ermekov", announced: str | None = None, status: str = "held") -> dict:
    d = dt.date.fromisoformat(day)
    return {"id": f"{day}-{deputy}", "deputy": deputy, "status": status, "date": d, "time": "10:00",
            "place": {"kk": "Қабылдау бөлмесі", "ru": "Приёмная"},
            "announced": dt.date.fromisoformat(announced) if announced else d - dt.timedelta(days=5),
            "citizens": 4, "topics": ["water"], "created": d}


def _findings(root: Path, rule: str) -> list:
    return [f for f in check_portal(root, TODAY).findings if f.rule == rule]


def _deputies_monthly(root: Path, months: list[str], skip: set[tuple[str, str]] = frozenset()) -> None:
    for deputy in ("ermekov", "abdrakhmanova", "kim", "nurpeisova", "seitkali"):
        for month in months:
            if (deputy, month) not in skip:
                rec = _reception(f"{month}-10", deputy)
                _write(root, f"receptions/{rec['id']}.yml", rec)


# --------------------------------------------------------------------- receptions


def test_a_reception_every_month_raises_nothing(tmp_path):
    root = _portal(tmp_path)
    _deputies_monthly(root, ["2026-08", "2026-09", "2026-10", "2026-11"])
    assert _findings(root, "reception.monthly") == []
    assert _findings(root, "reception.announced") == []
    assert _findings(root, "reception.integrity") == []


def test_a_missed_month_is_advice_for_that_deputy_and_month(tmp_path):
    root = _portal(tmp_path)
    _deputies_monthly(root, ["2026-08", "2026-09", "2026-10"], skip={("kim", "2026-09")})
    found = _findings(root, "reception.monthly")
    assert [(f.params["deputy"], f.params["month"], f.severity) for f in found] == [("kim", "2026-09", "W")]
    assert found[0].file.endswith("members.yml")


def test_the_current_month_and_months_before_the_first_reception_are_not_judged(tmp_path):
    root = _portal(tmp_path)
    _deputies_monthly(root, ["2026-10"])
    rec = _reception("2026-11-03", "ermekov")
    _write(root, f"receptions/{rec['id']}.yml", rec)
    assert _findings(root, "reception.monthly") == []  # November has not ended; before October: not judged


def test_a_reception_announced_on_the_day_is_advice(tmp_path):
    root = _portal(tmp_path)
    rec = _reception("2026-10-12", announced="2026-10-12")
    _write(root, f"receptions/{rec['id']}.yml", rec)
    found = _findings(root, "reception.announced")
    assert [(f.key, f.severity) for f in found] == [("reception.announced/late", "W")]


def test_a_reception_of_an_unknown_deputy_is_a_data_error(tmp_path):
    root = _portal(tmp_path)
    rec = _reception("2026-10-12", deputy="nobody")
    _write(root, f"receptions/{rec['id']}.yml", rec)
    assert [f.key for f in _findings(root, "reception.integrity")] == ["reception.integrity/deputy"]


# --------------------------------------------------------------------- appeals: the 72-hour rule


def _month(entries: list[dict], month: str = "2026-10") -> dict:
    return {"id": month, "month": month, "published": dt.date(2026, 11, 4), "appeals": entries,
            "created": dt.date(2026, 11, 4)}


def _appeal(n: int, **extra) -> dict:
    return {"id": f"2026-10-{n:03d}", "received": dt.date(2026, 10, 5), "okrug": 3, "topic": "roads-transport",
            "channel": "social-media", **extra}


def test_a_public_complaint_answered_within_72_hours_raises_nothing(tmp_path):
    root = _portal(tmp_path)
    _write(root, "appeals/2026-10.yml", _month([
        _appeal(1, time="10:00", status="answered", answered=dt.date(2026, 10, 8), answered_time="09:59",
                public_complaint=True)]))
    assert _findings(root, "appeal.public-complaint") == []
    assert _findings(root, "appeal.integrity") == []


def test_a_public_complaint_answered_after_72_hours_is_advice(tmp_path):
    root = _portal(tmp_path)
    _write(root, "appeals/2026-10.yml", _month([
        _appeal(1, time="10:00", status="answered", answered=dt.date(2026, 10, 8), answered_time="10:01",
                public_complaint=True),
        _appeal(2, status="in-progress", public_complaint=True),
        _appeal(3, status="answered", answered=dt.date(2026, 10, 30))]))  # not a public complaint: no rule
    found = _findings(root, "appeal.public-complaint")
    assert [(f.key, f.params["id"], f.severity) for f in found] == [
        ("appeal.public-complaint/late", "2026-10-001", "W"), ("appeal.public-complaint/unanswered", "2026-10-002", "W")]


def test_a_registry_that_contradicts_itself_is_a_data_error(tmp_path):
    root = _portal(tmp_path)
    _write(root, "appeals/2026-10.yml", _month([
        _appeal(1, status="answered"),
        _appeal(1, okrug=99, status="rejected", answered=dt.date(2026, 10, 1))]))
    keys = sorted(f.key for f in _findings(root, "appeal.integrity"))
    assert keys == ["appeal.integrity/answered-before", "appeal.integrity/duplicate", "appeal.integrity/no-answer-date",
                    "appeal.integrity/no-reason", "appeal.integrity/okrug"]


# --------------------------------------------------------------------- no person in the registry


@pytest.mark.parametrize("field", ["name", "phone", "email", "address", "iin", "author", "appellant"])
def test_the_appeals_format_has_no_field_for_a_person(field):
    with pytest.raises(ValidationError):
        Appeal.model_validate({**_appeal(1), field: "x"})
    person = {"name", "surname", "phone", "email", "address", "iin", "author", "appellant", "contact", "person"}
    assert not person & set(Appeal.model_fields) and not person & set(AppealMonth.model_fields)


def test_a_name_in_an_appeals_free_text_is_caught_by_the_privacy_scan(tmp_path):
    root = _portal(tmp_path)
    _write(root, "appeals/2026-10.yml", _month([_appeal(1, summary={"kk": "Хабарласу: +7 701 123 45 67",
                                                                      "ru": "Связь: +7 701 123 45 67"})]))
    assert [f for f in check_portal(root, TODAY).findings if f.rule == "privacy.personal-data"]


def test_the_published_registry_and_aggregates_carry_no_personal_field(maslikhat_site):
    data = json.loads((maslikhat_site / "data" / "appeals.json").read_text(encoding="utf-8"))
    items = [i for i in data["data"] if i["council"] == "almaty-maslikhat"]
    entries = [a for i in items for a in i["appeals"]]
    assert len(entries) >= 190
    allowed = {"id", "received", "okrug", "deputy", "topic", "channel", "status", "answered", "hoursToAnswer",
               "publicComplaint", "redirectedTo", "reason", "location", "summary"}
    assert {k for a in entries for k in a} <= allowed
    assert all(set(a["location"]) == {"lat", "lon"} for a in entries if a["location"])
    for name in ("appeals.csv", "appeals-aggregates.csv"):
        header = (maslikhat_site / "data" / name).read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert not {"name", "phone", "email", "address", "iin"} & set(header), header


# --------------------------------------------------------------------- computed report figures


def test_quarter_figures_are_counted_from_the_registry_and_the_receptions(tmp_path):
    root = _portal(tmp_path)
    _write(root, "appeals/2026-07.yml", _month([
        {**_appeal(1), "id": "2026-07-001", "received": dt.date(2026, 7, 3), "status": "answered",
         "answered": dt.date(2026, 7, 9)},
        {**_appeal(2), "id": "2026-07-002", "received": dt.date(2026, 7, 4), "topic": "water", "status": "received"},
        {**_appeal(3), "id": "2026-07-003", "received": dt.date(2026, 7, 5), "okrug": 7},  # another okrug
        {**_appeal(4), "id": "2026-07-004", "received": dt.date(2026, 7, 6), "okrug": 7, "deputy": "ermekov",
         "status": "rejected", "answered": dt.date(2026, 7, 7), "reason": {"kk": "Құзыретке жатпайды",
                                                                        "ru": "Вне компетенции"}}], "2026-07"))
    _write(root, "appeals/2026-04.yml", _month([
        {**_appeal(1), "id": "2026-04-001", "received": dt.date(2026, 4, 3), "status": "in-progress"}], "2026-04"))
    for day in ("2026-07-15", "2026-08-14"):
        rec = _reception(day)
        _write(root, f"receptions/{rec['id']}.yml", rec)
    result = check_portal(root, TODAY)
    council = result.portal.councils[SLUG]
    fig = quarter_figures(council, "ermekov", 2026, 3)
    assert (fig.received, fig.answered, fig.rejected, fig.open, fig.previous) == (3, 1, 1, 1, 1)
    assert (fig.change, fig.change_percent, fig.receptions, fig.citizens) == (2, 200, 2, 8)
    assert fig.topics == [("roads-transport", 2), ("water", 1)]


def test_the_sample_reports_show_the_computed_figures(maslikhat_site):
    data = json.loads((maslikhat_site / "data" / "deputy-reports.json").read_text(encoding="utf-8"))
    result = check_portal(REPO, TODAY)
    council = result.portal.councils["almaty-maslikhat"]
    reports = [i for i in data["data"] if i["council"] == "almaty-maslikhat"]
    assert len(reports) == 2
    for item in reports:
        fig = quarter_figures(council, item["deputy"], item["year"], item["quarter"])
        assert item["figures"]["appealsReceived"] == fig.received > 0
        assert item["figures"]["receptionsHeld"] == fig.receptions == 3


def test_ashyq_new_writes_a_draft_with_the_quarters_figures(tmp_path):
    from ashyq.cli import main

    root = tmp_path / "portal"
    (root / "councils").mkdir(parents=True)
    shutil.copy2(REPO / "site_config.yml", root / "site_config.yml")
    shutil.copytree(SAMPLE, root / "councils" / "almaty-maslikhat",
                    ignore=shutil.ignore_patterns("deputy-reports"))
    assert main(["new", "deputy-report", "almaty-maslikhat", str(root), "--id", "kim-2026-q3", "--no-input",
                 "--today", "2026-11-30"]) == 0
    text = (root / "councils" / "almaty-maslikhat" / "deputy-reports" / "kim-2026-q3.md").read_text(encoding="utf-8")
    council = check_portal(root, TODAY).portal.councils["almaty-maslikhat"]
    fig = quarter_figures(council, "kim", 2026, 3)
    assert f"Өтініштер: {fig.received};" in text and f"Обращений: {fig.received};" in text
    assert "deputy: kim" in text or 'deputy: "kim"' in text


def test_a_report_of_an_unknown_deputy_twice_or_early_is_a_data_error(tmp_path):
    root = _portal(tmp_path)
    report = {"id": "x-2026-q4", "deputy": "nobody", "year": 2026, "quarter": 4, "published": dt.date(2026, 11, 2),
              "created": dt.date(2026, 11, 2)}
    body = "---\n" + yaml.safe_dump(report, allow_unicode=True) + "---\n"
    (root / "councils" / SLUG / "deputy-reports" / "x-2026-q4.md").write_text(body, encoding="utf-8")
    keys = sorted(f.key for f in _findings(root, "deputy-report.integrity"))
    assert keys == ["deputy-report.integrity/deputy", "deputy-report.integrity/early"]
    fine = {**report, "id": "kim-2026-q3", "deputy": "kim", "quarter": 3, "published": dt.date(2026, 10, 5)}
    (root / "councils" / SLUG / "deputy-reports" / "x-2026-q4.md").unlink()
    (root / "councils" / SLUG / "deputy-reports" / "kim-2026-q3.md").write_text(
        "---\n" + yaml.safe_dump(fine, allow_unicode=True) + "---\n", encoding="utf-8")
    assert _findings(root, "deputy-report.integrity") == []


# --------------------------------------------------------------------- the reference's examples pass the check

DOCS = {"receptions": ("receptions/2026-10-14-ermekov.yml", "yaml"), "appeals": ("appeals/2026-10.yml", "yaml"),
        "deputy-reports": ("deputy-reports/ermekov-2026-q3.md", "markdown")}


def _example(lang: str, folder: str, fence: str) -> str:
    text = (REPO / "content" / lang / "reference" / f"{folder}.md").read_text(encoding="utf-8")
    return text.split(f"```{fence}\n", 1)[1].split("\n```", 1)[0] + "\n"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_reference_examples_pass_the_check(tmp_path, lang):
    root = _portal(tmp_path)
    for folder, (rel, fence) in DOCS.items():
        (root / "councils" / SLUG / rel).write_text(_example(lang, folder, fence), encoding="utf-8")
    members = yaml.safe_load(_example(lang, "maslikhat", "yaml"))
    assert members["members"][0]["okrug"]["number"] == 3
    result = check_portal(root, TODAY)
    blocking = [f for f in result.findings if f.kind.value != "compliance" and f.rule != "data.config"]
    assert blocking == []
    council = result.portal.councils[SLUG]
    assert [len(council.of(k)) for k in ("reception", "appeal", "deputy-report")] == [1, 1, 1]
