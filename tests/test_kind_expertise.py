"""Public expertise (``expertise/<id>.md``): every rule fires and stays quiet, the working-day deadline across
holidays, the pages, feed, open data and ``ashyq new``.

The base record is the complete example of ``content/ru/reference/expertise.md`` (extracted, not copied), put into
the clean synthetic council: a held expertise approved on 2026-03-18 and sent on 2026-04-03, in time only because
Nauryz and its moved days off are not working days (the deadline is 2026-04-06).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest
import yaml

from ashyq.calendar import WorkCalendar
from ashyq.i18n import catalogue
from ashyq.kinds import by_kind
from conftest import split_front_matter

REPO = Path(__file__).resolve().parents[1]
D = dt.date.fromisoformat
E = "expertise/2026-e1.md"
RULES = ("expertise.initiator", "expertise.decision", "expertise.refusal-motivated", "expertise.commission",
         "expertise.plan-published", "expertise.sitting-quorum", "expertise.sitting-majority",
         "expertise.conclusion-signed", "expertise.conclusion-vote", "expertise.conclusion-sent",
         "expertise.reference", "expertise.dates")


def reference_example(lang: str) -> str:
    page = (REPO / "content" / lang / "reference" / "expertise.md").read_text(encoding="utf-8")
    blocks = re.findall(r'```markdown title="[^"]*/expertise/2026-e1\.md"\n(.*?)```', page, re.S)
    assert len(blocks) == 1, "the reference shows one complete example"
    return blocks[0]


def put_example(portal, lang: str = "ru") -> None:
    """The example takes the place of the clean council's own ``2026-e1`` (a refused petition)."""
    portal.delete("expertise/2026-e1.yml")
    portal.write(E, reference_example(lang))


@pytest.fixture
def exp(portal):
    put_example(portal)
    return portal


def on(portal, report, rel: str) -> list[dict]:
    """The findings about one file (other record types' rules judge the rest of the synthetic council)."""
    return [f for f in report.findings if f["file"] == portal.file(rel) or f["kind"] != "compliance"]


def mine(report) -> list[dict]:
    return [f for f in report.findings if f["rule"].startswith("expertise.")]


def one(portal, rule: str, **kw) -> dict:
    found = mine(portal.findings(**kw))
    assert [f["rule"] for f in found] == [rule], found
    return found[0]


# --- the documented example ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_reference_example_passes_the_check(portal, lang):
    put_example(portal, lang)
    code, report = portal.check()
    assert (code, on(portal, report, E)) == (0, [])


def test_both_references_show_the_same_example():
    assert reference_example("kk") == reference_example("ru")


def test_every_rule_is_documented_in_both_references():
    for lang in ("kk", "ru"):
        page = (REPO / "content" / lang / "reference" / "expertise.md").read_text(encoding="utf-8")
        assert all(f"`{rule}`" in page for rule in RULES), lang
        fields = set(by_kind()["expertise"].model.model_fields) - {"id"}
        assert all(f"`{name}`" in page for name in fields), (lang, [n for n in fields if f"`{n}`" not in page])


# --- expertise.initiator ------------------------------------------------------------------------------------------


def test_a_foreign_branch_as_initiator_is_reported(exp):
    exp.edit_yaml(E, lambda d: d["initiator"].update(foreign_branch=True))
    f = one(exp, "expertise.initiator")
    assert (f["severity"], f["kind"], f["field"]) == ("E", "compliance", "initiator.foreign_branch")


def test_a_company_as_initiator_is_reported(exp):
    exp.edit_yaml(E, lambda d: d["initiator"].update(kind="other"))
    assert one(exp, "expertise.initiator")["field"] == "initiator.kind"


def test_a_refused_foreign_branch_is_no_finding(exp):
    def refuse(d):
        d["initiator"].update(foreign_branch=True)
        d["decision"].update(outcome="refuse", reasons={"kk": "Бастамашы — шетелдік ұйымның филиалы.",
                                                        "ru": "Инициатор — филиал иностранной организации."})
        for key in ("commission", "plan", "sittings", "conclusion", "sent_to", "bodies_informed"):
            d.pop(key)
    exp.edit_yaml(E, refuse)
    assert mine(exp.findings()) == []


# --- expertise.decision and expertise.refusal-motivated -----------------------------------------------------------


def test_a_decision_without_its_meeting_is_reported(exp):
    exp.edit_yaml(E, lambda d: d["decision"].pop("meeting"))
    assert one(exp, "expertise.decision")["params"]["date"] == "2026-01-29"


def test_an_initiator_never_notified_is_reported(exp):
    exp.edit_yaml(E, lambda d: d["decision"].pop("notified"))
    f = one(exp, "expertise.decision")
    assert f["line"] == exp.line_of(E, "decision:")


def test_a_petition_not_yet_decided_owes_nothing(exp):
    def petition_only(d):
        for key in ("decision", "commission", "plan", "sittings", "conclusion", "sent_to", "bodies_informed"):
            d.pop(key)
    exp.edit_yaml(E, petition_only, body="")
    assert mine(exp.findings()) == []


def test_a_refusal_without_reasons_is_reported(exp):
    def refuse(d):
        d["decision"]["outcome"] = "refuse"
        for key in ("commission", "plan", "sittings", "conclusion", "sent_to", "bodies_informed"):
            d.pop(key)
    exp.edit_yaml(E, refuse, body="")
    f = one(exp, "expertise.refusal-motivated")
    assert (f["severity"], f["field"]) == ("E", "decision")


def test_a_motivated_refusal_passes(exp):
    def refuse(d):
        d["decision"].update(outcome="refuse", reasons={"kk": "Жоба қабылданып қойған.", "ru": "Проект уже принят."})
        for key in ("commission", "plan", "sittings", "conclusion", "sent_to", "bodies_informed"):
            d.pop(key)
    exp.edit_yaml(E, refuse, body="")
    assert mine(exp.findings()) == []


# --- expertise.commission and expertise.plan-published -----------------------------------------------------------


def test_work_without_a_commission_is_reported(exp):
    exp.edit_yaml(E, lambda d: d.pop("commission"))
    f = one(exp, "expertise.commission")
    assert (f["severity"], f["field"]) == ("E", "decision")


def test_a_commission_without_its_head_is_reported(exp):
    exp.edit_yaml(E, lambda d: d["commission"].pop("head"))
    assert one(exp, "expertise.commission")["field"] == "commission"


def test_a_commission_not_formed_by_an_association_is_reported(exp):
    exp.edit_yaml(E, lambda d: d["commission"].update(formed_by=[]))
    assert one(exp, "expertise.commission")["field"] == "commission.formed_by"


def test_a_commission_yet_to_meet_owes_no_head_and_no_plan(exp):
    def early(d):
        d["commission"].update(first_sitting=D("2026-12-01"))
        d["commission"].pop("head")
        for key in ("plan", "sittings", "conclusion", "sent_to"):
            d.pop(key)
    exp.edit_yaml(E, early, body="")
    assert mine(exp.findings()) == []


def test_a_plan_never_posted_is_reported(exp):
    exp.edit_yaml(E, lambda d: d["plan"].pop("posted"))
    f = one(exp, "expertise.plan-published")
    assert (f["severity"], f["field"]) == ("E", "plan")


def test_no_plan_at_all_is_reported(exp):
    exp.edit_yaml(E, lambda d: d.pop("plan"))
    assert one(exp, "expertise.plan-published")["field"] == "decision"


# --- expertise.sitting-quorum and expertise.sitting-majority (table 11) ------------------------------------------


def test_a_sitting_with_half_of_the_members_is_not_quorate(exp):
    def half(d):
        d["commission"]["members"].append("Омаров Ерлан")  # 4 members: 2 present is not more than half
    exp.edit_yaml(E, half)
    f = one(exp, "expertise.sitting-quorum")
    assert f["params"] == {"date": "2026-03-02", "present": 2, "size": 4}
    assert f["field"] == "sittings[2].members_present"


def test_quorum_is_not_checked_without_the_members(exp):
    exp.edit_yaml(E, lambda d: (d["commission"].pop("members"), d["sittings"][1].update(members_present=1)))
    assert mine(exp.findings()) == []


def test_a_decision_without_a_majority_of_those_present_is_reported(exp):
    exp.edit_yaml(E, lambda d: d["sittings"][0].update(votes={"for": 1, "against": 1, "abstained": 1}))
    f = one(exp, "expertise.sitting-majority")
    assert (f["params"]["votes"], f["params"]["present"]) == (1, 3)


# --- expertise.conclusion-signed and expertise.conclusion-vote ----------------------------------------------------


@pytest.mark.parametrize("field", ["signed_by_head", "signed_by_members"])
def test_an_unsigned_conclusion_is_reported(exp, field):
    exp.edit_yaml(E, lambda d: d["conclusion"].update({field: False}))
    assert one(exp, "expertise.conclusion-signed")["field"] == f"conclusion.{field}"


def test_approval_without_a_majority_is_reported(exp):
    exp.edit_yaml(E, lambda d: d["conclusion"]["approval"].update(votes={"for": 4, "against": 3, "abstained": 2}))
    f = one(exp, "expertise.conclusion-vote")
    assert (f["params"]["votes"], f["params"]["base"]) == (4, 9)


def test_approval_counts_the_votes_cast_when_present_is_not_given(exp):
    def cast(d):
        d["conclusion"]["approval"].pop("members_present")
        d["conclusion"]["approval"]["votes"] = {"for": 4, "against": 3, "abstained": 0}
    exp.edit_yaml(E, cast)
    assert mine(exp.findings()) == []


def test_a_conclusion_not_approved_owes_no_sending(exp):
    def not_approved(d):
        d["conclusion"]["approval"].update(approved=False, votes={"for": 2, "against": 6, "abstained": 1})
        d.pop("sent_to")
    exp.edit_yaml(E, not_approved)
    assert mine(exp.findings()) == []


# --- expertise.conclusion-sent: ten working days, across holidays -------------------------------------------------


def test_sent_on_the_last_working_day_after_nauryz_passes(exp):
    exp.edit_yaml(E, lambda d: d["sent_to"][0].update(date=D("2026-04-06")))
    assert mine(exp.findings()) == []


def test_sent_a_day_after_the_deadline_is_late(exp):
    exp.edit_yaml(E, lambda d: d["sent_to"][0].update(date=D("2026-04-07")))
    f = one(exp, "expertise.conclusion-sent")
    assert f["params"] == {"sent": "2026-04-07", "approved": "2026-03-18", "due": "2026-04-06", "days": 1}
    assert (f["severity"], f["field"]) == ("E", "sent_to[1].date")
    assert "1 день позже срока" in catalogue("ru")["expertise.conclusion-sent/late"]["one"].format(
        sent="", due="", approved="", days=1)


def test_the_deadline_skips_16_december(exp):
    def december(d):
        d["conclusion"]["approval"]["date"] = D("2025-12-10")
        d["sent_to"][0].update(date=D("2025-12-25"))
        d["sent_to"][0]["answer"]["date"] = D("2026-01-20")
        d["conclusion"]["submitted"] = D("2025-12-01")
        d.update(petition=D("2025-10-13"))
        d["decision"].update(date=D("2025-10-30"), notified=D("2025-11-03"))
    exp.edit_yaml(E, december)
    assert mine(exp.findings()) == []
    exp.edit_yaml(E, lambda d: d["sent_to"][0].update(date=D("2025-12-26")))
    assert one(exp, "expertise.conclusion-sent")["params"]["due"] == "2025-12-25"


def test_the_working_day_arithmetic_the_rule_uses():
    cal = WorkCalendar()
    assert cal.add_working_days(D("2026-03-18"), 10) == D("2026-04-06")  # Nauryz and its moved days off
    assert cal.add_working_days(D("2025-12-10"), 10) == D("2025-12-25")  # Independence Day, 16 December
    assert cal.add_working_days(D("2025-12-18"), 10) == D("2026-01-05")  # New Year


def test_a_decree_day_off_moves_the_deadline(exp):
    exp.config(lambda d: d.setdefault("calendar", {}).update(holidays_added=[{"date": D("2026-04-03")}]))
    exp.edit_yaml(E, lambda d: d["sent_to"][0].update(date=D("2026-04-07")))
    assert mine(exp.findings()) == []


def test_an_approved_conclusion_never_sent_is_reported_once_due(exp):
    exp.edit_yaml(E, lambda d: d.pop("sent_to"))
    f = one(exp, "expertise.conclusion-sent")
    assert f["params"] == {"approved": "2026-03-18", "due": "2026-04-06"}
    assert mine(exp.findings(today="2026-04-06")) == []


def test_two_addressees_sent_late_on_one_day_give_one_finding(exp):
    def two(d):
        d["sent_to"][0]["date"] = D("2026-04-08")
        d["sent_to"].append({"name": {"kk": "Мәслихат", "ru": "Маслихат"}, "date": D("2026-04-08")})
    exp.edit_yaml(E, two)
    assert one(exp, "expertise.conclusion-sent")["params"]["sent"] == "2026-04-08"


# --- data: references and dates -------------------------------------------------------------------------------------


def test_an_unknown_meeting_stops_the_build(exp):
    exp.edit_yaml(E, lambda d: d["decision"].update(meeting="2026-99"))
    code, report = exp.check()
    f = [f for f in mine(report) if f["rule"] == "expertise.reference"]
    assert code == 1 and len(f) == 1 and f[0]["kind"] == "data" and f[0]["params"] == {"id": "2026-99"}


def test_known_recommendations_pass_and_unknown_ones_are_reported(exp):
    exp.edit_yaml(E, lambda d: d.update(recommendations=["2026-r1"]))
    assert mine(exp.findings()) == []
    exp.edit_yaml(E, lambda d: d.update(recommendations=["2026-r1", "2026-r9"]))
    assert one(exp, "expertise.reference")["field"] == "recommendations[2]"


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d["decision"].update(date=D("2026-01-05")), "decision.date"),
    (lambda d: d["decision"].update(notified=D("2026-01-20")), "decision.notified"),
    (lambda d: d["sent_to"][0].update(date=D("2026-03-17")), "sent_to[1].date"),
])
def test_dates_out_of_order_are_data_errors(exp, change, field):
    exp.edit_yaml(E, change)
    f = one(exp, "expertise.dates")
    assert (f["kind"], f["field"]) == ("data", field)


def test_an_approval_in_the_future_is_a_data_error(exp):
    found = mine(exp.findings(today="2026-03-10"))
    assert "expertise.dates" in [f["rule"] for f in found]


# --- messages ------------------------------------------------------------------------------------------------------


def test_every_finding_key_exists_in_kk_ru_and_en():
    source = (REPO / "generator" / "ashyq" / "kinds" / "expertise" / "rules.py").read_text(encoding="utf-8")
    keys = set(re.findall(r'"(expertise\.[a-z-]+/[a-z-]+)"', source))
    assert len(keys) >= 18
    for lang in ("kk", "ru", "en"):
        assert sorted(keys - set(catalogue(lang))) == [], lang


# --- building: pages, feed, open data --------------------------------------------------------------------------------


@pytest.fixture
def built(exp, tmp_path):
    from ashyq.cli import main

    exp.edit_yaml(E, lambda d: d.update(recommendations=["2026-r1"]))
    site = tmp_path / "site"
    assert main(["build", str(exp.root), "--out", str(site), "--today", "2026-11-21"]) == 0
    return exp, site


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_pages_in_kk_and_ru(built):
    portal, site = built
    pages = {lang: site / lang / "councils" / portal.slug / "expertise" / "2026-e1" / "index.html"
             for lang in ("kk", "ru")}
    ru, kk = _text(pages["ru"]), _text(pages["kk"])
    for phrase in ("Проект схемы маршрутной сети", "Экспертная комиссия", "6 апреля 2026", "заключение направлено",
                   "План проведения экспертизы", "412 ответов", "Связанные записи"):
        assert phrase in ru, phrase
    for phrase in ("Сараптау комиссиясы", "қорытынды жіберілді", "Сараптама жүргізу жоспары", "412 жауапты"):
        assert phrase in kk, phrase
    assert not re.search(r"\b(expertise\.|conclusion|approved|Petition)\b", kk.split("Related")[0])
    section = _text(site / "ru" / "councils" / portal.slug / "expertise" / "index.html")
    assert "Проект схемы маршрутной сети" in section and "Предмет экспертизы" in section
    # the recommendation's page links back (related records work both ways)
    rec = _text(site / "ru" / "councils" / portal.slug / "recommendations" / "2026-r1" / "index.html")
    assert "Проект схемы маршрутной сети" in rec


def test_the_feed_parses_and_carries_the_steps(built):
    _portal, site = built
    for lang, words in (("ru", "Совет одобрил заключение"), ("kk", "Кеңес қорытындыны мақұлдады")):
        feed = feedparser.parse((site / lang / "feeds" / "expertise.atom.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert [e.title for e in feed.entries][:1] and words in feed.entries[0].summary
        assert feedparser.parse((site / lang / "feeds" / "expertise.rss.xml").read_bytes()).entries


def test_open_data_json_matches_its_schema_and_the_csv(built):
    _portal, site = built
    data = json.loads((site / "data" / "expertise.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "schema" / "expertise.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    items = {item["id"]: item for item in data["data"]}  # the example beside the clean council's 2025 petition
    item = items[f"{_portal.slug}/expertise/2026-e1"]
    assert (item["type"], item["expertiseState"], item["conclusionDeadline"]) == ("Expertise", "sent", "2026-04-06")
    assert item["conclusion"]["approval"]["voteEvent"]["counts"][0] == {"option": "yes", "value": 8}
    assert item["recommendations"] == ["2026-r1"] and item["text"]["ru"].startswith("Комиссия провела опрос")
    with open(site / "data" / "expertise.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(data["data"])
    row = {r["expertise"]: r for r in rows}["2026-e1"]
    assert (row["expertise"], row["state"], row["approval_date"], row["conclusion_deadline"], row["first_sent"]) == (
        "2026-e1", "sent", "2026-03-18", "2026-04-06", "2026-04-03")
    assert row["votes_for"] == "8" and row["recipients"] == "1" and row["answers"] == "1"


def test_the_committed_editor_schema_accepts_the_example():
    schema = json.loads((REPO / "generator" / "ashyq" / "schemas" / "expertise.json").read_text(encoding="utf-8"))
    front, _ = split_front_matter(reference_example("ru"))
    data = json.loads(json.dumps(yaml.safe_load(front), default=str))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors({**data, "petiton": "2026-01-12"}))


# --- ashyq new expertise ----------------------------------------------------------------------------------------------


def test_ashyq_new_writes_a_petition_the_check_accepts_once_filled(portal):
    from ashyq.cli import main

    args = ["new", "expertise", portal.slug, str(portal.root), "--no-input", "--today", "2026-11-21"]
    assert main(args) == 0  # the clean council already has its 2026-e1, so the new petition is 2026-e2
    path = portal.path("expertise/2026-e2.md")
    text = path.read_text(encoding="utf-8")
    assert "petition: 2026-11-21" in text and 'id: "2026-e2"' in text
    found = portal.findings()
    assert {f["rule"] for f in found.findings if f["file"] == portal.file("expertise/2026-e2.md")} == {
        "data.placeholder"}
    assert main(args) == 0 and portal.path("expertise/2026-e3.md").is_file()  # the next free id
    filled = re.sub(r'"<<[^>]*>>"', '"Мәтін"', text)
    path.write_text(filled, encoding="utf-8")
    portal.delete("expertise/2026-e3.md")
    code, report = portal.check()
    assert (code, on(portal, report, "expertise/2026-e2.md")) == (0, [])
