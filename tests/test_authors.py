"""Who drafted a recommendation (``authors``): shown on its page and on each author's page, in the member's
feed and in the open data; an id the composition does not hold is a data error naming file, field and id.

The sample portal's recommendations name their authors; what the built site shows is compared with what
the YAML files say, read here independently. The error is checked on a one-council synthetic portal.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
import yaml

from buildkit import REPO, TODAY, Site, check_json, run_ashyq, sample_site, squash

ALMATY = "almaty-akimat"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return sample_site(tmp_path_factory)


def authored() -> dict[tuple[str, str], list[str]]:
    """``(council, recommendation id) -> authors`` of every sample recommendation that names them."""
    out = {}
    for path in sorted(REPO.glob("councils/*/recommendations/*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if data.get("authors"):
            out[(path.parent.parent.name, str(data["id"]))] = data["authors"]
    return out


def member_names(slug: str, lang: str) -> dict[str, str]:
    """Member id -> name in ``lang`` (a name is one string or one per language)."""
    members = yaml.safe_load((REPO / "councils" / slug / "members.yml").read_text("utf-8"))["members"]
    return {m["id"]: m["name"] if isinstance(m["name"], str) else m["name"][lang] for m in members}


def test_the_sample_names_authors_in_several_councils():
    councils = {slug for slug, _ in authored()}
    assert len(councils) >= 3 and sum(len(a) for a in authored().values()) >= 5


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_recommendation_page_names_its_authors_with_links_to_their_pages(site: Site, lang: str):
    label = {"kk": "Әзірлеген кеңес мүшелері", "ru": "Подготовили члены совета"}[lang]
    for (slug, rec_id), authors in authored().items():
        path = f"{lang}/councils/{slug}/recommendations/{rec_id}/"
        page = site.page(path)
        text = squash(page.article)
        assert label in text, path
        names = member_names(slug, lang)
        for member in authors:
            assert names[member] in text, (path, member)
            member_page = f"{lang}/councils/{slug}/members/{member}/"
            targets = {site.local_target(site.file_of(path), href) for _t, _a, href in page.links}
            assert (member_page, "") in targets and site.file_of(member_page).is_file(), (path, member)


def test_a_recommendation_without_authors_shows_no_empty_row(site: Site):
    named = {rec_id for slug, rec_id in authored() if slug == ALMATY}
    other = next(p.stem for p in sorted((REPO / "councils" / ALMATY / "recommendations").glob("*.yml"))
                 if p.stem not in named)
    assert "Подготовили члены совета" not in squash(site.page(f"ru/councils/{ALMATY}/recommendations/{other}/").article)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_each_authors_page_lists_the_recommendations_they_drafted(site: Site, lang: str):
    heading = {"kk": "Әзірлеген ұсынымдары", "ru": "Подготовленные рекомендации"}[lang]
    by_member: dict[tuple[str, str], set[str]] = {}
    for (slug, rec_id), authors in authored().items():
        for member in authors:
            by_member.setdefault((slug, member), set()).add(rec_id)
    assert any(len(recs) > 1 for recs in by_member.values())  # one member drafted two
    for (slug, member), recs in by_member.items():
        path = f"{lang}/councils/{slug}/members/{member}/"
        page = site.page(path)
        assert heading in squash(page.article), path
        linked = {href.rstrip("/").rsplit("/", 1)[-1] for _t, _a, href in page.links if "/recommendations/" in href}
        assert recs <= linked, (path, recs, linked)
    # A member who drafted nothing has no such section.
    names = member_names(ALMATY, lang)
    idle = next(m for m in names if (ALMATY, m) not in by_member)
    assert heading not in squash(site.page(f"{lang}/councils/{ALMATY}/members/{idle}/").article)


def test_the_open_data_gives_authors_both_ways_and_validates(site: Site):
    people = json.loads((site.out / "data/people.json").read_text("utf-8"))
    jsonschema.validate(people, json.loads((site.out / "data/schema/people.schema.json").read_text("utf-8")))
    recs = json.loads((site.out / "data/recommendations.json").read_text("utf-8"))
    jsonschema.validate(recs, json.loads((site.out / "data/schema/recommendations.schema.json").read_text("utf-8")))
    expected = authored()
    for item in recs["data"]:
        slug, _, rec_id = item["id"].split("/")
        assert item["authors"] == expected.get((slug, rec_id), []), item["id"]
    for (slug, rec_id), authors in expected.items():
        for member in authors:
            person = next(p for p in people["data"] if p["id"] == f"{slug}/{member}")
            entry = next(a for a in person["authored"] if a["recommendation"] == f"{slug}/recommendation/{rec_id}")
            assert entry["sent"] and entry["name"]["kk"] and entry["name"]["ru"]
    assert all(p["authored"] == [] for p in people["data"]
               if (p["council"], p["id"].split("/")[1]) not in {(s, m) for (s, _), a in expected.items() for m in a})


def test_the_recommendations_csv_has_the_authors_ids(site: Site):
    import csv

    with open(site.out / "data" / "recommendations.csv", encoding="utf-8-sig", newline="") as fh:
        rows = {(r["council"], r["recommendation"]): r["authors"] for r in csv.DictReader(fh)}
    expected = authored()
    assert {key: value for key, value in rows.items() if value} == {k: " ".join(v) for k, v in expected.items()}


def test_the_members_feed_carries_the_recommendations_they_drafted(site: Site):
    (slug, rec_id), authors = next(iter(authored().items()))
    feed = feedparser.parse((site.out / "ru" / "councils" / slug / "members" / authors[0] / "votes.atom.xml")
                            .read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert any(e.link == site.url(f"ru/councils/{slug}/recommendations/{rec_id}/") for e in feed.entries)


# --------------------------------------------------------------------- a wrong id


@pytest.fixture(scope="module")
def wrong_author(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from ashyq.synthetic import write_portal

    root = write_portal(tmp_path_factory.mktemp("authors") / "portal", councils=1,
                        today=dt.date.fromisoformat(TODAY))
    council = root / "councils" / "council-001"
    known = yaml.safe_load((council / "members.yml").read_text("utf-8"))["members"][0]["id"]
    path = sorted((council / "recommendations").glob("*.yml"))[0]
    data = yaml.safe_load(path.read_text("utf-8"))
    data["authors"] = [known, "no-such-member"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root, path.relative_to(root).as_posix()


def test_an_author_not_in_the_composition_is_a_data_error(wrong_author):
    root, file = wrong_author
    found = [f for f in check_json(root)["findings"] if f["field"] and f["field"].startswith("authors")]
    assert len(found) == 1, found
    (f,) = found
    assert (f["rule"], f["kind"], f["severity"], f["file"]) == ("data.reference", "data", "E", file)
    assert f["field"] == "authors[2]" and f["params"] == {"id": "no-such-member"} and f["line"]
    assert "no-such-member" in f["message"] and "members.yml" in f["message"]
    proc = run_ashyq("check", root, "--today", TODAY, "--lang", "ru")
    assert proc.returncode == 1
    assert f"{file}:{f['line']}" in proc.stdout and "(authors[2]) «no-such-member» нет в составе совета" in proc.stdout
