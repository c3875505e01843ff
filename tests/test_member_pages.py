"""Member pages, attendance rates, member feeds and the journalists' SQL over the built CSVs.

Everything is read from the real build of the sample portal (``buildkit.sample_site``): the rates on the
pages, in the CSV and in the JSON are compared with what the meeting records themselves say, counted here
independently from the YAML files.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import feedparser
import jsonschema
import pytest
import yaml

from buildkit import REPO, TODAY, Site, sample_site, search_fragments, squash

ALMATY = "almaty-akimat"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return sample_site(tmp_path_factory)


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4:text.index("\n---\n", 3)]) if path.suffix == ".md" else yaml.safe_load(text)


def expected_attendance(slug: str, member: str) -> tuple[int, int]:
    """(attended, held) from the records: held meetings with attendance while the member could vote."""
    members = [m for m in yaml.safe_load((REPO / "councils" / slug / "members.yml").read_text("utf-8"))["members"]
               if m["id"] == member and m.get("voting", True)]
    attended = held = 0
    for path in sorted((REPO / "councils" / slug / "meetings").glob("*.md")):
        m = front(path)
        day = m["date"]
        if m.get("status") != "held" or not m.get("attendance"):
            continue
        if not any(x["start"] <= day and (x.get("end") is None or day <= x["end"]) for x in members):
            continue
        held += 1
        attended += member in m["attendance"]
    return attended, held


def csv_rows(site: Site, name: str) -> list[dict[str, str]]:
    with open(site.out / "data" / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------- pages


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_member_page_shows_roles_attendance_and_votes(site: Site, lang: str):
    page = site.page(f"{lang}/councils/{ALMATY}/members/pak/")
    text = squash(page.article)
    assert "Пак Виктория Олеговна" in text
    attended, held = expected_attendance(ALMATY, "pak")
    assert held >= 8 and f"{held}" in text and f"{attended}" in text
    percent = round(100 * attended / held)
    assert re.search(rf"{percent}\s?%", text), text[:500]
    # Her vote against on 23 April 2026, with the decision's text and a link to the meeting.
    assert ("против" if lang == "ru" else "қарсы") in text
    assert "парковки" in text or "тұрақ" in text
    assert any(href.endswith("meetings/2026-04-23/") for _tag, _attr, href in page.links)
    assert f"{lang}/councils/{ALMATY}/members/pak/votes.atom.xml" in site.html(f"{lang}/councils/{ALMATY}/members/pak/")


def test_the_page_has_no_english_and_the_kazakh_page_has_kazakh_labels(site: Site):
    kk = squash(site.page(f"kk/councils/{ALMATY}/members/pak/").article)
    assert "Отырыстарға қатысуы" in kk and "Дауыс берулер" in kk
    assert not re.search(r"\b(Attendance|Votes|absent|present)\b", kk)


def test_search_finds_a_member_on_the_members_page_and_what_they_voted_on_on_the_meetings(site: Site):
    # Member pages are not indexed (render/members.py: UNINDEXED): else a search for a member's name finds them
    # twice, and a search for a decision's words the meeting and then every member who voted on it.
    fragments = search_fragments(site.out, "ru")
    assert not [url for url in fragments if "/members/" in url and not url.endswith("/members/")]
    assert "Пак Виктория Олеговна" in fragments[f"/ru/councils/{ALMATY}/members/"]
    assert any("парковки" in text for url, text in fragments.items() if "/meetings/" in url)
    assert site.page(f"ru/councils/{ALMATY}/members/pak/").article  # the page itself is still there


def test_former_members_keep_their_pages(site: Site):
    text = squash(site.page("ru/councils/minzdrav/members/duisenov/").article)
    assert "Бывший член совета" in text and "31 октября 2025" in text
    section = site.html("ru/councils/minzdrav/members/")
    assert 'href="duisenov/"' in section


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_members_section_lists_attendance_rates(site: Site, lang: str):
    page = site.page(f"{lang}/councils/{ALMATY}/members/")
    text = squash(page.article)
    attended, held = expected_attendance(ALMATY, "pak")
    assert f"({attended}/{held})" in text
    assert sum(1 for _t, _a, href in page.links if re.fullmatch(r"[a-z-]+/", href)) >= 13


def test_the_meeting_page_names_the_absent_and_the_roll_call(site: Site):
    text = squash(site.page(f"ru/councils/{ALMATY}/meetings/2026-04-23/").article)
    absent = text[text.index("Отсутствовали"):]
    assert re.match(r"Отсутствовали\s*:\s*Кудайбергенова Зауре Касымовна\s*, Ахметжанов Ринат Серикович", absent), absent[:120]
    assert "Поимённое голосование" in text and re.search(r"против — Пак Виктория Олеговна", text)


def test_a_speaker_named_as_in_members_yml_links_to_the_member(site: Site):
    text = squash(site.page("ru/councils/zhanaqala-audany/members/izbasarov/").article)
    assert "Выступления на заседаниях" in text and "Председательствовал(а) на слушаниях" in text


# --------------------------------------------------------------------- feed


@pytest.fixture(scope="module")
def member_feeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], str]:
    """Every member's feed of the sample portal, written by the feed writer the build's feeds step runs."""
    from ashyq.render.context import SiteContext
    from ashyq.render.feedwrite import write_member_feeds
    from ashyq.validate import check_portal

    today = dt.date.fromisoformat(TODAY)
    result = check_portal(REPO, today)
    ctx = SiteContext(result.portal, result.findings, result.dates, today)
    out = tmp_path_factory.mktemp("member-feeds")
    return out, write_member_feeds(ctx, out), ctx.url("")


def test_every_member_has_a_feed_in_both_formats_and_languages(member_feeds):
    out, written, _ = member_feeds
    compositions = sorted((REPO / "councils").glob("*/members.yml"))  # every council of the sample, maslikhats too
    assert len(compositions) >= 4, compositions
    people = {(path.parent.name, m["id"]) for path in compositions
              for m in yaml.safe_load(path.read_text("utf-8"))["members"]}
    assert set(written) == {f"{lang}/councils/{slug}/members/{mid}/votes.{fmt}.xml" for slug, mid in people
                            for lang in ("kk", "ru") for fmt in ("atom", "rss")}
    assert all((out / rel).is_file() for rel in written)


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_the_member_feed_gives_attendance_and_votes(member_feeds, fmt: str):
    out, _, base = member_feeds
    feed = feedparser.parse((out / "ru" / "councils" / ALMATY / "members" / "pak" / f"votes.{fmt}.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    attended, held = expected_attendance(ALMATY, "pak")
    assert len(feed.entries) == held
    assert "Пак Виктория Олеговна" in feed.feed.title
    entry = next(e for e in feed.entries if e.id.endswith("#2026-04-23"))
    assert entry.link == base + f"ru/councils/{ALMATY}/meetings/2026-04-23/"
    assert "против" in entry.summary and "присутствовал" in entry.title
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert sum(1 for e in feed.entries if "присутствовал" in e.title) == attended


def test_member_feed_ids_are_the_page_and_the_meeting(member_feeds):
    out, written, base = member_feeds
    # Members who came and voted alike share a meeting's entry but for its id (render/members_feed.py): each
    # keeps theirs. (A recommendation they drafted is its own entry, with the record's id.)
    meetings = 0
    for rel in written:
        page = base + rel.rsplit("/", 1)[0] + "/#"
        entries = feedparser.parse((out / rel).read_bytes()).entries
        assert all(e.id.startswith(page) for e in entries if "#" in e.id), rel
        assert len({e.id for e in entries}) == len(entries), rel
        meetings += sum("#" in e.id for e in entries)
    assert meetings > 100
    feed = feedparser.parse((out / "kk/councils/minzdrav/members/polyakov/votes.atom.xml").read_bytes())
    assert all(e.id.startswith(base + "kk/councils/minzdrav/members/polyakov/#") for e in feed.entries)
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert all(e.published_parsed <= e.updated_parsed for e in feed.entries)
    assert any("қалыс қалды" in e.summary for e in feed.entries)  # his abstention on 18 June 2026


# --------------------------------------------------------------------- open data


def test_attendance_csv_matches_the_records(site: Site):
    rows = [r for r in csv_rows(site, "attendance") if r["council"] == ALMATY and r["member"] == "pak"]
    attended, held = expected_attendance(ALMATY, "pak")
    assert (sum(r["present"] == "true" for r in rows), len(rows)) == (attended, held)
    header = next(csv.reader(open(site.out / "data" / "attendance.csv", encoding="utf-8-sig")))
    assert header == ["council", "meeting", "date", "member", "present"]


def test_votes_csv_has_each_member_of_a_roll_call(site: Site):
    rows = [r for r in csv_rows(site, "votes") if r["council"] == ALMATY and r["meeting"] == "2026-04-23"]
    options = {r["member"]: r["option"] for r in rows}
    assert options["pak"] == "no" and options["goncharenko"] == "abstain" and options["kudaibergenova"] == "absent"
    assert sum(o == "yes" for o in options.values()) == 9
    decided = [r for r in csv_rows(site, "decisions") if r["council"] == "zhanaqala-audany"
               and r["meeting"] == "2026-10-15" and r["item"] == "1"]
    assert decided[0]["votes_for"] == "9"  # totals counted from the roll call when none are written


def test_people_json_validates_and_members_json_has_attendance(site: Site):
    schema = json.loads((site.out / "data/schema/people.schema.json").read_text("utf-8"))
    doc = json.loads((site.out / "data/people.json").read_text("utf-8"))
    jsonschema.validate(doc, schema)
    pak = next(p for p in doc["data"] if p["id"] == "almaty-akimat/pak")
    attended, held = expected_attendance(ALMATY, "pak")
    assert (pak["type"], pak["attendance"]["attended"], pak["attendance"]["meetings"]) == ("Person", attended, held)
    assert pak["memberships"][0]["type"] == "Membership" and pak["memberships"][0]["person_id"] == pak["id"]
    assert {"type": "Vote", "meeting": "almaty-akimat/meeting/2026-04-23", "date": "2026-04-23", "agendaItem": 2,
            "decision": 2, "option": "no"}.items() <= next(v for v in pak["votes"] if v["option"] == "no").items()
    assert "duisenov" in {p["id"].split("/")[1] for p in doc["data"] if p["council"] == "minzdrav"}
    members = json.loads((site.out / "data/members.json").read_text("utf-8"))
    jsonschema.validate(members, json.loads((site.out / "data/schema/members.schema.json").read_text("utf-8")))
    membership = next(m for m in members["data"] if m["id"] == "almaty-akimat/member/pak")
    assert (membership["attendance"]["attended"], membership["attendance"]["meetings"]) == (attended, held)


def sql_example(lang: str, heading: str) -> str:
    page = (REPO / "content" / lang / "data.md").read_text(encoding="utf-8")
    start = page.index(heading)
    found = re.search(r"```sql\n(.*?)```", page[start:], re.S)
    assert found, (lang, heading)
    return found.group(1)


def database(site: Site) -> sqlite3.Connection:
    """The CSV files as ``sqlite3``'s ``.import --csv`` loads them: every column text, header as names."""
    db = sqlite3.connect(":memory:")
    for name in ("attendance", "votes", "members", "decisions"):
        with open(site.out / "data" / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
            table = list(csv.reader(fh))
        columns = ", ".join(f'"{c}" TEXT' for c in table[0])
        db.execute(f"CREATE TABLE {name} ({columns})")
        db.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(table[0]))})", table[1:])
    return db


@pytest.mark.parametrize("lang, heading", [("ru", "### Пример: посещаемость каждого члена совета"),
                                           ("kk", "### Мысал: кеңестің әр мүшесінің қатысуы")])
def test_the_attendance_example_runs_in_sqlite(site: Site, lang: str, heading: str):
    rows = database(site).execute(sql_example(lang, heading)).fetchall()
    by_member = {(r[0], r[1]): r for r in rows}
    attended, held = expected_attendance(ALMATY, "pak")
    council, member, name, got_attended, meetings, percent = by_member[(ALMATY, "pak")]
    assert (got_attended, meetings, name) == (attended, held, "Пак Виктория Олеговна")
    assert percent == round(100.0 * attended / held, 1)
    assert [r[5] for r in rows] == sorted(r[5] for r in rows)  # the least present first


@pytest.mark.parametrize("lang, heading", [("ru", "### Пример: как голосовал каждый член совета"),
                                           ("kk", "### Мысал: кеңестің әр мүшесі қалай дауыс берді")])
def test_the_votes_example_runs_in_sqlite(site: Site, lang: str, heading: str):
    rows = database(site).execute(sql_example(lang, heading)).fetchall()
    pak = [r for r in rows if r[0] == ALMATY and r[4] == "pak"]
    assert [(r[1], r[2], r[5]) for r in pak] == [("2026-04-23", "2", "no")]
    assert "парковки" in pak[0][3] or "тұрақ" in pak[0][3]
    assert all(r[5] != "yes" for r in rows)
    assert dt.date.fromisoformat(rows[0][1]) <= dt.date.fromisoformat(rows[-1][1]) or rows[0][0] != rows[-1][0]
