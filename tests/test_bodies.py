"""State bodies as records (``bodies.yml``): the loader, the findings, the body pages, figures, feeds and data.

The loader and the rules run on the synthetic portal of ``conftest`` with a
``bodies.yml`` written beside its ``site_config.yml``; the pages, feeds and
CSV files are read from the real build of the sample portal (``buildkit``),
whose recommendations and hearings name their bodies by id. Figures are
recomputed here from the records and the response deadlines, never copied
from the output.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from pathlib import Path

import feedparser
import pytest
import yaml

from ashyq.deadlines import response_status
from ashyq.calendar import WorkCalendar
from ashyq.i18n import t
from ashyq.load.bodies import Body, load_bodies, normalise
from ashyq.models import Text, iter_texts
from ashyq.render.opendata import CSV_COLUMNS
from buildkit import TODAY, Site, sample_site
from conftest import PortalFiles

REPO = Path(__file__).resolve().parents[1]
R = "recommendations/2025-r1.yml"
H = "hearings/2025-h1.md"


def reference_example(lang: str, name: str, title: str) -> str:
    page = (REPO / "content" / lang / "reference" / name).read_text(encoding="utf-8")
    found = re.search(rf'```yaml title="{re.escape(title)}"\n(.*?)```', page, re.S)
    assert found, f"the {lang} reference {name} shows a complete example"
    return found.group(1)


def bodies_example() -> str:
    return reference_example("ru", "bodies.md", "bodies.yml")


def write_bodies(portal: PortalFiles, text: str | None = None) -> Path:
    path = portal.root / "bodies.yml"
    path.write_text(bodies_example() if text is None else text, encoding="utf-8")
    return path


def line_of(text: str, *needles: str) -> int:
    lines, start = text.split("\n"), 0
    for needle in needles:
        start = next(i for i in range(start, len(lines)) if needle in lines[i]) + 1
    return start


@pytest.fixture
def registered(portal: PortalFiles) -> PortalFiles:
    write_bodies(portal)
    return portal


# --------------------------------------------------------------------- the loader


def test_no_file_is_an_empty_registry(tmp_path: Path):
    bodies, findings = load_bodies(tmp_path)
    assert (len(bodies), findings) == (0, [])


def test_the_reference_example_loads(tmp_path: Path):
    assert reference_example("kk", "bodies.md", "bodies.yml") == bodies_example()  # one example in both pages
    (tmp_path / "bodies.yml").write_text(bodies_example(), encoding="utf-8")
    bodies, findings = load_bodies(tmp_path)
    assert findings == []
    assert [b.id for b in bodies] == ["aksu-akimat", "zhetisu-akimat", "aksu-prokuratura"]
    aksu = bodies.get("aksu-akimat")
    assert (aksu.bin, aksu.parent, aksu.name.ru) == ("060240012345", "zhetisu-akimat", "Акимат Аксуского района")
    assert bodies.match(Text(kk=None, ru="акимат  аксуского района")) == "aksu-akimat"
    assert bodies.match(Text(kk="Аудан әкімдігі")) == "aksu-akimat"  # a short name matches too
    assert bodies.match(Text(ru="Акимат другого района")) is None
    assert normalise("«Акимат»  Аксуского района") == normalise("акимат аксуского района")


def test_the_reference_documents_every_field():
    for lang in ("kk", "ru"):
        page = (REPO / "content" / lang / "reference" / "bodies.md").read_text(encoding="utf-8")
        for name in Body.model_fields:
            assert f"| `{name}` |" in page, (lang, name)
        for rule in ("data.reference", "data.duplicate-id", "recommendation.addressee-id", "hearing.addressee-id"):
            assert f"`{rule}`" in page, (lang, rule)
        recs = (REPO / "content" / lang / "reference" / "recommendations.md").read_text(encoding="utf-8")
        assert "| `decision` |" in recs and "`recommendation.decision`" in recs and "addressee: aksu-akimat" in recs


def test_problems_of_the_file_are_data_errors_on_their_lines(tmp_path: Path):
    text = bodies_example()
    text = text.replace('bin: "990940003311"', 'bin: "060240012345"')  # zhetisu takes aksu's BIN
    text = text.replace("    website: https://prokuror.example.gov.kz/aksu/\n",
                        "    website: https://prokuror.example.gov.kz/aksu/\n    parent: nowhere\n")
    text += "\n  - id: aksu-akimat\n    name: {kk: Қайталау, ru: Повтор}\n    bin: '111111111111'\n" \
            "    website: https://x.example.gov.kz/\n"
    (tmp_path / "bodies.yml").write_text(text, encoding="utf-8")
    bodies, findings = load_bodies(tmp_path)
    got = sorted((f.rule, f.key, f.line, f.field) for f in findings)
    assert got == sorted([
        ("data.duplicate-id", "load.state-body-duplicate-bin", line_of(text, "id: zhetisu-akimat", "bin:"), "bodies[2].bin"),
        ("data.reference", "load.state-body-unknown-parent", line_of(text, "parent: nowhere"), "bodies[3].parent"),
        ("data.duplicate-id", "data.duplicate-id", line_of(text, "id: aksu-prokuratura", "id: aksu-akimat"),
         "bodies[4].id"),
    ])
    assert all(f.file == "bodies.yml" and f.kind.value == "data" for f in findings)
    assert bodies.get("aksu-akimat").name.ru == "Акимат Аксуского района"  # the first keeps its place


def test_a_parent_loop_and_a_bad_bin_are_reported(tmp_path: Path):
    text = bodies_example().replace("    region:\n      kk: Жетісу облысы\n",
                                    "    parent: aksu-akimat\n    region:\n      kk: Жетісу облысы\n")
    (tmp_path / "bodies.yml").write_text(text, encoding="utf-8")
    _, findings = load_bodies(tmp_path)
    assert {f.key for f in findings} == {"load.state-body-parent-loop"}
    (tmp_path / "bodies.yml").write_text(bodies_example().replace('"060240012345"', '"06024001234"'),
                                         encoding="utf-8")
    _, findings = load_bodies(tmp_path)
    assert [(f.rule, f.key, f.field) for f in findings] == [("data.type", "load.pattern-bin", "bodies[1].bin")]


def test_a_link_in_place_of_the_file_is_a_safety_error(tmp_path: Path):
    (tmp_path / "real.yml").write_text(bodies_example(), encoding="utf-8")
    (tmp_path / "bodies.yml").symlink_to(tmp_path / "real.yml")
    bodies, findings = load_bodies(tmp_path)
    assert len(bodies) == 0 and [(f.rule, f.kind.value) for f in findings] == [("safety.symlink", "safety")]


# --------------------------------------------------------------------- records naming bodies


def test_an_id_is_resolved_to_the_body_and_reported_once(registered: PortalFiles):
    registered.edit_yaml(R, lambda d: d.update(addressee="aksu-akimat"))
    registered.edit_yaml(H, lambda d: d["sent_to"][0].update(name="aksu-akimat"))
    code, report = registered.check()
    assert code == 0 and [f for f in report.findings if "addressee" in f["rule"] or f["kind"] != "compliance"] == []
    from ashyq.load.tree import load_portal

    portal, _ = load_portal(registered.root)
    rec = portal.councils["council-001"].find("recommendation", "2025-r1")
    assert (rec.body_id, rec.addressee.kk) == ("aksu-akimat", "Ақсу ауданының әкімдігі")
    hearing = portal.councils["council-001"].find("hearing", "2025-h1")
    assert (hearing.sent_to[0].body_id, hearing.sent_to[0].name.ru) == ("aksu-akimat", "Акимат Аксуского района")
    # The rules read the names, not the id: the walk made while loading (which found the dates) is made again.
    texts = {(path, text) for path, _lang, text in iter_texts(rec)}
    assert (("addressee", "kk"), "Ақсу ауданының әкімдігі") in texts and (("addressee",), "aksu-akimat") not in texts
    assert (("sent_to", 0, "name", "ru"), "Акимат Аксуского района") in set(
        (path, text) for path, _lang, text in iter_texts(hearing))


def test_an_unknown_id_is_a_data_error_on_its_line(registered: PortalFiles):
    registered.edit_yaml(R, lambda d: d.update(addressee="aksu-akimatt"))
    code, report = registered.check()
    found = [f for f in report.of("data.reference") if f["file"] == registered.file(R)]
    assert code == 1 and len(found) == 1
    assert (found[0]["line"], found[0]["field"]) == (registered.line_of(R, "addressee:"), "addressee")
    assert "aksu-akimat" in found[0]["message"]  # the known ids are listed
    registered.edit_yaml(H, lambda d: d["sent_to"][0].update(name="no-such-body"))
    found = [f for f in registered.findings().of("data.reference") if f["file"] == registered.file(H)]
    assert [f["field"] for f in found] == ["sent_to[1].name"]


def test_an_id_without_a_registry_is_a_data_error(portal: PortalFiles):
    portal.edit_yaml(R, lambda d: d.update(addressee="aksu-akimat"))
    code, report = portal.check()
    assert code == 1 and [f["field"] for f in report.of("data.reference")] == ["addressee"]


def test_free_text_keeps_working_with_a_warning_that_names_the_id(registered: PortalFiles):
    registered.edit_yaml(R, lambda d: d.update(addressee={"kk": "Ақсу ауданының әкімдігі",
                                                           "ru": "Акимат  аксуского района"}))
    registered.edit_yaml(H, lambda d: d["sent_to"][0].update(name={"kk": "Аудан әкімдігі", "ru": "Акимат района"}))
    code, report = registered.check()
    assert code == 0  # a warning, never a stop
    rec = report.one("recommendation.addressee-id")
    assert (rec["kind"], rec["severity"], rec["field"], rec["line"]) == (
        "compliance", "W", "addressee", registered.line_of(R, "addressee:"))
    assert "addressee: aksu-akimat" in rec["message"]
    hearing = report.one("hearing.addressee-id")  # matched by its short name
    assert (hearing["severity"], hearing["field"]) == ("W", "sent_to[1].name")


def test_free_text_that_is_no_registered_body_is_quiet(registered: PortalFiles):
    report = registered.findings()
    assert report.of("recommendation.addressee-id") == report.of("hearing.addressee-id") == []


def test_the_decision_must_exist_in_its_meeting(registered: PortalFiles):
    registered.edit_yaml(R, lambda d: d.update(meeting="2025-01", decision=1))
    assert registered.findings().of("recommendation.decision") == []
    registered.edit_yaml(R, lambda d: d.update(decision=7))
    f = registered.findings().one("recommendation.decision")
    assert (f["kind"], f["field"], f["line"]) == ("data", "decision", registered.line_of(R, "decision:"))
    registered.edit_yaml(R, lambda d: (d.pop("meeting"), d.update(decision=1)))
    f = registered.findings("--lang", "ru").one("recommendation.decision")
    assert f["message"] == t("ru", "recommendation.decision/no-meeting")


def test_the_recommendations_reference_example_passes_with_the_bodies_example(registered: PortalFiles):
    example = reference_example("ru", "recommendations.md",
                                "councils/aksu-district/recommendations/2026-r4.yml")
    assert example == reference_example("kk", "recommendations.md",
                                        "councils/aksu-district/recommendations/2026-r4.yml")
    registered.write("recommendations/2026-r4.yml", example)
    registered.write("attachments/2026/response-r04.pdf", registered.path("attachments/draft.pdf").read_bytes())
    code, report = registered.check()
    mine = [f for f in report.findings if f["file"] == registered.file("recommendations/2026-r4.yml")]
    assert [f for f in mine if f["kind"] != "compliance"] == [] and code == 0, mine


# --------------------------------------------------------------------- the sample's pages, feeds and data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return sample_site(tmp_path_factory)


def expected_figures(site: Site, body_id: str) -> dict:
    import datetime as dt

    portal = site.portal
    calendar = WorkCalendar(portal.config.calendar)
    today = dt.date.fromisoformat(TODAY)
    states = [response_status(r, calendar, today) for c in portal.councils.values() for r in c.recommendations
              if r.body_id == body_id]
    late = [s.days_overdue for s in states if s.state == "late"]
    on_time = sum(s.state == "answered" for s in states)
    due = on_time + len(late) + sum(s.state == "overdue" for s in states)
    return {"recommendations": len(states), "on_time": on_time, "late": len(late),
            "overdue": sum(s.state == "overdue" for s in states), "pending": sum(s.state == "pending" for s in states),
            "rate": round(on_time / due, 4) if due else None,
            "average": round(sum(late) / len(late), 1) if late else None}


def test_every_recommendation_of_the_sample_names_a_registered_body(site: Site):
    recs = [r for c in site.portal.councils.values() for r in c.recommendations]
    assert recs and all(r.body_id in site.portal.bodies for r in recs)
    assert not site.report["findings"] or all(f["kind"] == "compliance" for f in site.report["findings"])
    assert not [f for f in site.report["findings"] if f["rule"].endswith("addressee-id")]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_body_page_shows_its_recommendations_answers_and_figures(site: Site, lang: str):
    want = expected_figures(site, "minzdrav")
    assert want["late"] and want["overdue"] and want["on_time"]  # the sample exercises every state
    page = site.page(f"{lang}/bodies/minzdrav/")
    text = " ".join(page.article.split())
    assert site.portal.bodies.get("minzdrav").name.get(lang) in text and "950140000127" in text
    assert t(lang, "bodies.rate", n=round(100 * want["rate"])) in text
    average = want["average"]
    shown = str(int(average)) if average == int(average) else str(average).replace(".", ",")
    assert t(lang, "bodies.days", n=int(average) if average == int(average) else average, days=shown) in text
    html = site.html(f"{lang}/bodies/minzdrav/")
    for council in site.portal.councils.values():
        for rec in council.recommendations:
            link = f"../../councils/{council.slug}/recommendations/{rec.id}/"
            assert (link in html) == (rec.body_id == "minzdrav"), (lang, rec.uid)
    assert 'type="application/atom+xml"' in html and "bodies/minzdrav/all.atom.xml" in html


def test_the_index_lists_every_body_with_its_figures(site: Site):
    html = site.html("ru/bodies/")
    for body in site.portal.bodies:
        assert f'href="{body.id}/"' in html
    assert t("ru", "bodies.nav") in site.page("ru/").text  # in the menu


def test_recommendation_pages_link_their_body_and_decision(site: Site):
    council = site.portal.councils["minzdrav"]
    rec = council.find("recommendation", "2025-04")
    html = site.html(f"ru/councils/minzdrav/recommendations/{rec.id}/")
    assert 'href="../../../../bodies/minzdrav/"' in html
    assert t("ru", "bodies.adopted-by") in html and "№ 1" in html


def test_the_home_page_shows_what_was_decided(site: Site):
    text = " ".join(site.page("ru/").article.split())
    assert "решений: " not in text
    meeting = site.portal.councils["almaty-akimat"].find("meeting", "2026-11-19")
    assert meeting.decisions[0].text.ru[:60] in text


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_each_answer_is_its_own_feed_entry(site: Site, fmt: str):
    feed = feedparser.parse((site.out / f"ru/bodies/minzdrav/all.{fmt}.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    recs = [r for c in site.portal.councils.values() for r in c.recommendations if r.body_id == "minzdrav"]
    answered = [r for r in recs if r.response is not None]
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids)) == len(recs) + len(answered)
    answers = [e for e in feed.entries if e.id.endswith("#response")]
    assert {e.id.rsplit("/", 2)[-2] for e in answers} == {r.id for r in answered}
    assert all(e.title.startswith("Ответ: Минздрав — ") for e in answers)
    assert feed.feed.title == t("ru", "bodies.feed-title", body=site.portal.bodies.get("minzdrav").name.ru)


def read_csv(site: Site, name: str) -> list[dict[str, str]]:
    with open(site.out / "data" / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_bodies_csv_and_json_hold_the_figures(site: Site):
    rows = {r["body"]: r for r in read_csv(site, "bodies")}
    assert list(read_csv(site, "bodies")[0]) == CSV_COLUMNS["bodies"]
    data = {b["id"]: b for b in json.loads((site.out / "data" / "bodies.json").read_text(encoding="utf-8"))["data"]}
    assert set(rows) == set(data) == {b.id for b in site.portal.bodies}
    for body in site.portal.bodies:
        want = expected_figures(site, body.id)
        row, item = rows[body.id], data[body.id]
        assert (int(row["recommendations"]), int(row["answered_on_time"]), int(row["answered_late"]),
                int(row["overdue"]), int(row["pending"])) == (
            want["recommendations"], want["on_time"], want["late"], want["overdue"], want["pending"])
        assert item["onTimeRate"] == want["rate"] and item["averageDaysLate"] == want["average"]
        assert (row["bin"], row["name_ru"]) == (body.bin, body.name.ru)
    recs = read_csv(site, "recommendations")
    assert recs and all(r["addressee_id"] in rows for r in recs)
    assert {r["decision"] for r in recs} >= {"1", "2", ""}


def sql_example(lang: str) -> str:
    page = (REPO / "content" / lang / "data.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```sql\n(.*?)```", page, re.S) if "JOIN bodies" in b]
    assert len(blocks) == 1, f"{lang}: one SQL example joins the bodies"
    return blocks[0]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_sql_example_on_the_data_page_runs_in_sqlite(site: Site, lang: str):
    db = sqlite3.connect(":memory:")
    for name in ("recommendations", "bodies"):  # as `.import --csv` loads them: every column text
        rows = read_csv(site, name)
        columns = list(rows[0])
        db.execute(f"CREATE TABLE {name} ({', '.join(f'{c} TEXT' for c in columns)})")
        db.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(columns))})",
                       [tuple(r[c] for c in columns) for r in rows])
    result = db.execute(sql_example(lang)).fetchall()
    got = [(row[0], row[2], row[3], row[4], row[5]) for row in result]
    expected = []
    for body in site.portal.bodies:
        want = expected_figures(site, body.id)
        if want["recommendations"]:
            expected.append((body.id, want["recommendations"], want["late"], want["overdue"], want["average"]))
    expected.sort(key=lambda r: (-(r[2] + r[3]), -(r[4] or -1), r[0]))
    assert got == expected
    assert got[0][0] == "minzdrav"  # late once and overdue once: the most often late in the sample


def test_bodies_yml_is_in_the_site_fingerprint(tmp_path: Path):
    """Councils' pages show the bodies' names: a changed registry renders them again."""
    import datetime as dt
    from types import SimpleNamespace

    from ashyq.write.incremental import site_fingerprint

    ctx = SimpleNamespace(today=dt.date(2026, 11, 21), langs=("kk", "ru"), portal=SimpleNamespace(root=tmp_path))
    (tmp_path / "bodies.yml").write_text(bodies_example(), encoding="utf-8")
    before = site_fingerprint(ctx)
    (tmp_path / "bodies.yml").write_text(bodies_example().replace("Акимат Аксуского", "Акимат Аксу"),
                                         encoding="utf-8")
    assert site_fingerprint(ctx) != before


def test_the_sample_registry_has_valid_bodies():
    bodies, findings = load_bodies(REPO)
    assert findings == [] and len(bodies) >= 6
    from ashyq.validate.privacy import is_valid_iin

    assert not [b.id for b in bodies if is_valid_iin(b.bin)]  # a BIN, never a person's IIN
    assert yaml.safe_load((REPO / "bodies.yml").read_text(encoding="utf-8"))["bodies"][0]["id"] == "minzdrav"
