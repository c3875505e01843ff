"""Open data: every JSON valid against its published schema, every CSV readable, the ZIP complete."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
import zlib
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ashyq.findings import Kind
from ashyq.render import urls
from ashyq.render.archive import CLOSE, Packed, segment
from ashyq.render.context import SiteContext
from ashyq.render.datafiles import dumps, finish, json_bytes
from ashyq.render.datawrite import JsonList
from ashyq.render.opendata import CSV_COLUMNS, FORMAT_VERSION, JSON_FILES, ZIP_NAME, write_opendata
from ashyq.rounds import one_round

from test_feeds import BASE, C1, C2, build_portal, context, render

ROOT = Path(__file__).resolve().parent.parent
IIN_PERSON = "850312300121"  # a well-formed IIN (a man born 12 March 1985): a person, not an organisation


def control_digit_ok(number: str) -> bool:
    d = [int(c) for c in number]
    for weights in ((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)):
        r = sum(x * w for x, w in zip(d, weights)) % 11
        if r != 10:
            return r == d[11]
    return False


def with_members(root: Path) -> None:
    """Contacts with and without consent, and an individual entrepreneur's IIN given as BIN."""
    path = root / "councils" / C1 / "members.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    members = {m["id"]: m for m in data["members"]}
    members["m03"].update(email="m03@ngo.example.kz", phone="+7 701 000 00 03", consent={"contacts": True})
    members["m04"].update(email="private@mail.example.kz")  # no consent: never published
    members["m05"].update(bin=IIN_PERSON)
    members["m05"]["biography"] = {"kk": "Өмірбаяны", "ru": "Биография"}  # no consent either
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteContext, Path, list[str]]:
    tmp = tmp_path_factory.mktemp("opendata")
    root = build_portal(tmp)
    with_members(root)
    ctx = context(root)
    site = tmp / "site"
    return ctx, site, write_opendata(ctx, site)


def load(site: Path, name: str) -> dict:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def read_csv(site: Path, name: str) -> list[list[str]]:
    raw = (site / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    with open(site / "data" / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def rows(site: Path, name: str) -> list[dict[str, str]]:
    table = read_csv(site, name)
    return [dict(zip(table[0], r)) for r in table[1:]]


def test_written_files(built):
    ctx, site, written = built
    names = {rel.removeprefix("data/") for rel in written}
    assert all(rel.startswith("data/") for rel in written)
    expected = ({f"{n}.json" for n in JSON_FILES} | {f"schema/{n}.schema.json" for n in JSON_FILES}
                | {"schema/council.schema.json"} | {f"councils/{s}.json" for s in ctx.portal.councils}
                | {f"{n}.csv" for n in CSV_COLUMNS} | {ZIP_NAME})
    assert names == expected
    assert written == sorted(written)
    assert urls.data("meetings.json") in written


def test_every_json_validates_against_its_schema(built):
    _, site, written = built
    checked = 0
    for rel in written:
        if not rel.endswith(".json") or rel.startswith("data/schema/"):
            continue
        doc = json.loads((site / rel).read_text(encoding="utf-8"))
        name = "council" if rel.startswith("data/councils/") else Path(rel).stem
        schema = load(site, f"schema/{name}.schema.json")
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema).validate(doc)
        assert doc["format_version"] == FORMAT_VERSION
        assert doc["schema"] == BASE + f"data/schema/{name}.schema.json" == schema["$id"]
        assert doc["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
        assert doc["as_of"] == "2026-11-21"
        checked += 1
    assert checked == len(JSON_FILES) + 2


def test_schemas_reject_what_they_must(built):
    _, site, _ = built
    schema = load(site, "schema/meetings.schema.json")
    doc = load(site, "meetings.json")
    validator = jsonschema.Draft202012Validator(schema)
    broken = json.loads(json.dumps(doc))
    broken["data"][0]["meetingState"] = "maybe"
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(doc))
    broken["data"][0]["surprise"] = 1
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(doc))
    del broken["data"][0]["modified"]
    assert not validator.is_valid(broken)


def test_oparl_and_popolo_names(built):
    _, site, _ = built
    meeting = next(m for m in load(site, "meetings.json")["data"] if m["id"] == f"{C1}/meeting/2025-01")
    assert meeting["type"] == "Meeting" and meeting["meetingState"] == "held" and meeting["cancelled"] is False
    assert meeting["start"] == "2025-01-17T10:00:00+05:00" and meeting["end"] == "2025-01-17T12:00:00+05:00"
    assert meeting["agendaItem"][0]["type"] == "AgendaItem" and meeting["agendaItem"][0]["number"] == 1
    vote = meeting["voteEvent"][0]
    assert vote["type"] == "VoteEvent" and vote["agendaItem"] == 1
    assert [c["option"] for c in vote["counts"]] == ["yes", "no", "abstain"]
    assert meeting["web"]["ru"] == BASE + "ru/councils/council-001/meetings/2025-01/"
    assert meeting["created"] == "2025-01-12T00:00:00+05:00" and meeting["deleted"] is False
    membership = load(site, "members.json")["data"][0]
    assert membership["type"] == "Membership" and membership["organization_id"] == C1
    assert {"person_id", "role", "start_date", "end_date"} <= set(membership)


def test_cancelled_and_moved_meetings_in_the_data(built):
    _, site, _ = built
    by_id = {m["id"]: m for m in load(site, "meetings.json")["data"]}
    cancelled = by_id[f"{C1}/meeting/2026-90"]
    assert cancelled["cancelled"] is True and cancelled["meetingState"] == "cancelled"
    moved = by_id[f"{C1}/meeting/2026-91"]
    assert moved["movedFrom"] == [{"date": "2026-12-01", "time": "10:00"}]
    assert moved["location"]["online"] == "https://meet.example.kz/kenes-91"


def test_tombstones_are_deleted_true(built):
    _, site, _ = built
    meetings = load(site, "meetings.json")["data"]
    stone = next(m for m in meetings if m["id"] == f"{C1}/meeting/2025-03")
    assert stone["deleted"] is True and stone["type"] == "Meeting"
    assert stone["modified"] == "2026-11-19T10:00:00+05:00"
    assert stone["name"]["ru"].startswith("Заседание № 3")
    assert stone["web"]["kk"] == BASE + "kk/councils/council-001/meetings/2025-03/"
    council2 = load(site, "councils/council-002.json")
    assert [r["id"] for r in council2["recommendations"] if r["deleted"]] == [f"{C2}/recommendation/2025-r2"]
    assert not any(r["council"] == C1 and r["meeting"] == "2025-03" for r in rows(site, "meetings"))


def test_recommendations_with_deadline_status_and_days_overdue(built):
    ctx, site, _ = built
    table = {r["recommendation"]: r for r in rows(site, "recommendations") if r["council"] == C1}
    overdue = table["2026-r9"]
    assert (overdue["sent"], overdue["deadline"], overdue["status"], overdue["days_overdue"]) == (
        "2026-09-01", "2026-10-01", "overdue", "51")
    assert overdue["response_date"] == "" and overdue["outcome"] == ""
    answered = table["2025-r1"]
    assert (answered["status"], answered["days_overdue"], answered["outcome"]) == ("answered", "0", "accepted")
    rec = next(r for r in load(site, "recommendations.json")["data"] if r["id"] == f"{C1}/recommendation/2026-r9")
    assert rec["status"] == "overdue" and rec["daysOverdue"] == 51 and rec["deadline"] == "2026-10-01"


def test_every_csv_reads_with_the_documented_header(built):
    ctx, site, _ = built
    for name, columns in CSV_COLUMNS.items():
        table = read_csv(site, name)
        assert table[0] == columns, name
        assert all(len(r) == len(columns) for r in table), name
        raw = (site / "data" / f"{name}.csv").read_bytes()
        assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"") or name == "indicator"
    live_meetings = sum(len(c.meetings) for c in ctx.portal.councils.values())
    assert len(rows(site, "meetings")) == live_meetings
    decisions = sum(len(m.decisions) for c in ctx.portal.councils.values() for m in c.meetings)
    assert len(rows(site, "decisions")) == decisions
    assert len(rows(site, "councils")) == len(ctx.portal.councils)
    hearing = rows(site, "hearings")[0]
    assert hearing["days_announced_ahead"] == "14"


def test_the_documented_headers_are_on_the_data_page():
    for lang in ("kk", "ru"):
        page = (ROOT / "content" / lang / "data.md").read_text(encoding="utf-8")
        for name, columns in CSV_COLUMNS.items():
            assert f"`{name}.csv`" in page, (lang, name)
            for column in columns:
                assert f"`{column}`" in page, (lang, name, column)
        for name in JSON_FILES:
            assert f"`{name}.json`" in page, (lang, name)
        assert "format_version" in page and "ashyq-data.zip" in page


def test_findings_are_the_published_compliance_findings(built):
    ctx, site, _ = built
    compliance = [f for f in ctx.findings if f.kind is Kind.COMPLIANCE]
    data = load(site, "findings.json")["data"]
    assert len(data) == len(compliance) == len(rows(site, "findings"))
    for item in data:
        assert item["message"]["kk"] and item["message"]["ru"]
    safety = [f for f in ctx.findings if f.kind is Kind.SAFETY]
    assert safety, "the fixture plants an e-mail without consent"
    assert not {f.rule for f in safety} & {item["rule"] for item in data}


def test_no_personal_data_without_consent(built):
    _, site, _ = built
    members = {m["person_id"].rsplit("/", 1)[-1]: m for m in load(site, "members.json")["data"]
               if m["organization_id"] == C1}
    assert members["m03"]["contact_details"] == [{"type": "email", "value": "m03@ngo.example.kz"},
                                                 {"type": "voice", "value": "+7 701 000 00 03"}]
    assert members["m04"]["contact_details"] == []
    assert members["m05"]["organisation"]["bin"] is None and members["m05"]["biography"] is None
    assert members["m06"]["organisation"]["bin"] is not None
    assert control_digit_ok(IIN_PERSON)
    everything = b"".join(p.read_bytes() for p in (site / "data").rglob("*") if p.is_file() and p.suffix != ".zip")
    assert b"private@mail.example.kz" not in everything
    assert IIN_PERSON.encode() not in everything
    assert "Биография".encode() not in everything
    csv_members = {r["member"]: r for r in rows(site, "members") if r["council"] == C1}
    assert csv_members["m03"]["email"] == "m03@ngo.example.kz" and csv_members["m04"]["email"] == ""
    assert csv_members["m03"]["phone"] == "+7 701 000 00 03"  # a phone number is no formula: kept as is


def test_the_zip_holds_everything(built):
    _, site, written = built
    archive = zipfile.ZipFile(io.BytesIO((site / "data" / ZIP_NAME).read_bytes()))
    assert archive.testzip() is None
    inside = archive.namelist()
    expected = sorted(rel.removeprefix("data/") for rel in written if not rel.endswith(ZIP_NAME))
    assert inside == expected
    for name in inside:
        assert archive.read(name) == (site / "data" / name).read_bytes(), name
        assert archive.getinfo(name).date_time == (1980, 1, 1, 0, 0, 0)


def test_indicator_in_councils_json_and_csv(tmp_path):
    extra = {"reports/2026-h1.md": ({
        "id": "2026-h1", "period": "h1", "year": 2026, "published": "2026-07-20",
        "title": {"kk": "2026 жылғы есеп", "ru": "Отчёт за 2026 год"}, "created": "2026-07-20",
        "feedback": {"proposals_received": 4, "proposals_accepted": 3, "comments_received": 5,
                     "comments_answered": 5, "public": True},
    }, {"kk": "Есеп.", "ru": "Отчёт."})}
    ctx = context(build_portal(tmp_path, extra=extra, with_git=False))
    write_opendata(ctx, tmp_path / "site")
    council = next(c for c in load(tmp_path / "site", "councils.json")["data"] if c["id"] == C1)
    # The report's period counts from the report; the synthetic council's other periods from its consultations.
    from_report = [i for i in council["indicator"] if i["basis"] == "report"]
    assert from_report == [{"council": C1, "year": 2026, "period": "h1", "B": 3, "C": 4, "E": 5, "G": 5,
                            "public": True, "F": 75.0, "band": "medium", "basis": "report",
                            "reports": [f"{C1}/report/2026-h1"]}]
    others = [i for i in council["indicator"] if i["basis"] != "report"]
    assert others and all(i["basis"] == "consultations" and i["period"] != "h1" or i["year"] != 2026 for i in others)
    assert all("/consultation/" in uid for i in others for uid in i["reports"])
    table = [r for r in rows(tmp_path / "site", "indicator") if r["council"] == C1 and r["basis"] == "report"]
    assert table == [{"council": C1, "year": "2026", "period": "h1", "B": "3", "C": "4", "E": "5", "G": "5",
                      "public": "true", "F": "75.0", "band": "medium", "band_kk": "орташа", "band_ru": "средний",
                      "basis": "report", "reports": f"{C1}/report/2026-h1"}]
    report = next(r for r in load(tmp_path / "site", "reports.json")["data"] if r["id"] == f"{C1}/report/2026-h1")
    assert report["indicator"]["F"] == 75.0 and report["feedback"]["C"] == 4


def test_two_builds_are_byte_identical(built, tmp_path):
    """Feeds, calendars and data together: the same records give the same bytes."""
    ctx, _, _ = built
    first = render(context(ctx.portal.root), tmp_path / "one")
    second = render(context(ctx.portal.root), tmp_path / "two")
    assert first == second
    for rel in first:
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes(), rel


_ITEM = st.fixed_dictionaries({"id": st.sampled_from(["a/1", "a/2", "b/1", "b/10", "c/ü"]), "deleted": st.booleans(),
                               "name": st.text(max_size=8)})


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.tuples(st.lists(_ITEM, max_size=5), st.booleans()), max_size=5))
def test_a_streamed_list_is_the_file_dumped_whole(parts):
    """The data step writes each portal-wide file council by council (``JsonList``): the bytes of dumping the
    whole list at once, the live items in the order given and the removed ones last, by id, as read for equal
    ids (``finish`` per council, then over the whole list), whether a council's items come as items or as its
    part (already dumped and deflated); and its segments are that file deflated."""
    head = {"format_version": "1.0", "as_of": "2026-11-21"}
    with tempfile.TemporaryDirectory() as folder:
        listing = JsonList(Packed(f"{folder}/items.json"), head)
        whole: list[dict] = []
        for items, as_part in parts:
            doc = {"items": list(items)}
            finish(doc, ["items"])
            live = [dumps(i) for i in doc["items"] if not i["deleted"]]
            if as_part and live:
                data = ",".join(live).encode("utf-8")
                listing.add_part(data, segment(data))
                listing.remove((i["id"], dumps(i)) for i in doc["items"] if i["deleted"])
            else:
                listing.add(doc["items"], records=True)
            whole += doc["items"]
        packed = listing.close()
        written = Path(folder, "items.json").read_bytes()
    expected = {"items": whole}
    finish(expected, ["items"])
    assert written == json_bytes({**head, "data": expected["items"]})
    assert zlib.decompress(b"".join(packed.segments) + CLOSE, -15) == written
    assert (packed.crc, packed.size) == (zlib.crc32(written), len(written))


class _Kept:
    """What the cache shelf and the previous site would give the data step (``Earlier``): every council's part
    as the first build made it, but the councils in ``changed``."""

    def __init__(self, old: Path | None, parts: dict, changed: frozenset[str] = frozenset(), kept=None):
        self.old, self.parts, self.changed, self.kept = old, parts, changed, kept if kept is not None else {}

    def holds(self, slug: str) -> bool:
        return self.old is not None and slug in self.parts and slug not in self.changed

    def part(self, slug: str):
        return self.parts.get(slug) if self.holds(slug) else None

    def bring(self, slug: str, rel: str) -> bool:
        if not self.holds(slug):
            return False
        (self.site / rel).parent.mkdir(parents=True, exist_ok=True)
        (self.site / rel).write_bytes((self.old / rel).read_bytes())
        return True

    def previous(self, rel: str) -> Path | None:
        return self.old / rel if self.old is not None else None

    def document(self, slug: str) -> None:
        return None

    def keep(self, slug: str, part) -> None:
        self.parts[slug] = part

    def segments(self, first: str):
        return self.kept.get(first)

    def keep_segments(self, first: str, segments) -> None:
        self.kept[first] = segments


def test_kept_councils_are_taken_in_the_step_itself_and_only_the_others_go_to_rounds(built, tmp_path):
    """A warm data step sends only the councils it must make to its rounds (each a fork in a build); the
    others' parts come straight from the cache, and the files, the archive too, are a cold build's bytes."""
    ctx, _, _ = built
    asked: list[list[str]] = []

    def rounds(slugs, work):
        asked.append(list(slugs))
        return one_round(slugs, work)

    first = _Kept(None, {})
    first.site = tmp_path / "cold"
    cold = write_opendata(ctx, first.site, first, rounds)
    assert asked == [[C1, C2]] and sorted(first.parts) == [C1, C2]
    asked.clear()
    again = _Kept(first.site, dict(first.parts), frozenset({C2}), dict(first.kept))
    again.site = tmp_path / "warm"
    assert write_opendata(ctx, again.site, again, rounds) == cold
    assert asked == [[C2]]
    for rel in cold:
        assert (again.site / rel).read_bytes() == (first.site / rel).read_bytes(), rel


def test_a_group_whose_bytes_held_keeps_the_segment_an_earlier_build_deflated(built, tmp_path, monkeypatch):
    """The archive deflates the portal-wide files a group of councils at a time; a group whose bytes are
    the same (same digest) takes its segment from the earlier build (a planted one, deflated at another
    level, shows), and the archive still reads as the files."""
    from ashyq.render import archive

    ctx, _, _ = built
    first = _Kept(None, {})
    first.site = tmp_path / "cold"
    write_opendata(ctx, first.site, first)
    assert first.kept
    monkeypatch.setattr(archive, "LEVEL", 1)
    planted = {group: {name: (digest, segment(zlib.decompress(packed + CLOSE, -15)))
                       for name, (digest, packed) in files.items()} for group, files in first.kept.items()}
    monkeypatch.setattr(archive, "LEVEL", 6)
    again = _Kept(first.site, dict(first.parts), kept=planted)
    again.site = tmp_path / "warm"
    write_opendata(ctx, again.site, again)
    cold, warm = (zipfile.ZipFile(site / "data" / ZIP_NAME) for site in (first.site, again.site))
    assert warm.testzip() is None
    for name in ("councils.json", "meetings.json", "members.csv"):
        assert warm.read(name) == cold.read(name) == (again.site / "data" / name).read_bytes()
        assert warm.getinfo(name).compress_size != cold.getinfo(name).compress_size, name  # the planted segment
