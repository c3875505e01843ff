"""The record-type registry: every type is complete, and a sixth type declared only in ``tests/plugins/`` gets
its loading, feed entries, data files with a JSON Schema, ``ashyq new`` and editor schema without any other file."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from ashyq.i18n import catalogue
from ashyq.kinds import Feed, by_folder, by_kind, record_types, registry
from ashyq.render.feeds import FeedSpec, portal_feeds
from ashyq.render.feedwrite import collect
from ashyq.render.opendata import csv_columns, json_files, write_opendata
from ashyq.scaffold.schemas import schema_for, schemas, yaml_schema_map
from ashyq.synthetic import write_portal
from test_feeds import context

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = Path(__file__).resolve().parent / "plugins"
TODAY = dt.date(2026, 11, 21)
BUILTIN = ("meeting", "recommendation", "hearing", "monitoring", "expertise", "report-hearing", "consultation",
           "reception", "appeal", "deputy-report", "report", "plan")


# --------------------------------------------------------------------- the five built-in types


def test_the_builtins_are_registered_in_order():
    assert tuple(rt.kind for rt in record_types())[:len(BUILTIN)] == BUILTIN
    assert set(by_folder()) >= {"plans", "meetings", "recommendations", "hearings", "reports"}


@pytest.mark.parametrize("kind", BUILTIN)
def test_every_builtin_type_is_complete(kind):
    rt = by_kind()[kind]
    assert (rt.template_dir / rt.page_template).is_file()
    assert (rt.template_dir / rt.section_template).is_file()
    for feed in rt.feeds:  # feed routing: every feed it joins has a title and description in both languages
        assert isinstance(feed, Feed) and feed.name in portal_feeds()
    assert rt.calendar is None or callable(rt.calendar)  # a decision either way
    assert rt.data.model.model_fields["type"].default == rt.data.type_name
    assert all(table.columns for table in rt.data.csv)
    assert rt.scaffold is not None and (rt.scaffold.template_dir / rt.scaffold.template).is_file()
    assert rt.editor_globs and schemas()[kind][3] == rt.editor_globs
    for lang in ("kk", "ru"):
        assert (ROOT / "content" / lang / "reference" / f"{rt.folder}.md").is_file()
        keys = catalogue(lang)
        for key in (rt.kind_key, rt.section_key, *(f"feeds.{p}.{f.name}" for f in rt.feeds
                                                     for p in ("title", "description"))):
            assert key in keys, (lang, key)
    __import__(rt.rules)


def test_dated_types_have_a_calendar_and_undated_none():
    assert {rt.kind for rt in record_types() if rt.calendar is not None} >= {"meeting", "hearing"}
    assert by_kind()["plan"].calendar is None and by_kind()["report"].calendar is None


def test_a_kind_or_folder_cannot_be_registered_twice():
    with pytest.raises(ValueError):
        registry.register(by_kind()["meeting"].__class__(**{**by_kind()["meeting"].__dict__, "folder": "other"}))


# --------------------------------------------------------------------- a sixth type, only in tests/plugins/


@pytest.fixture()
def notice():
    added = registry.load_plugin_dir(PLUGINS)
    assert [rt.kind for rt in added] == ["notice"]
    yield added[0]
    registry.unregister("notice")


NOTICE_FILE = 'id: "2026-n1"\ntitle:\n  kk: "Хабарландыру"\n  ru: "Объявление"\nposted: 2026-11-02\n'


@pytest.fixture()
def portal(tmp_path, notice) -> Path:
    return write_portal(tmp_path / "portal", councils=1, today=TODAY)


def _slug(root: Path) -> str:
    return next(p.name for p in (root / "councils").iterdir())


def _add_notice(ctx, notice) -> None:
    # As the loader will once it reads the registry: the file read and built, added to its council by kind.
    from ashyq.load.schema import build_model
    from ashyq.load.source import read_document

    root = ctx.portal.root
    council = next(iter(ctx.portal.councils.values()))
    path = root / "councils" / council.slug / "notices" / "2026-n1.yml"
    path.parent.mkdir()
    path.write_text(NOTICE_FILE, encoding="utf-8")
    rec, found = build_model(notice.model, read_document(path, root), council.slug)
    assert rec is not None and not found
    rec._council = council.slug
    council.add(rec)


def test_the_sixth_type_loads(portal):
    folder = portal / "councils" / _slug(portal) / "notices"
    folder.mkdir()
    (folder / "2026-n1.yml").write_text(NOTICE_FILE, encoding="utf-8")
    ctx = context(portal)
    assert [r.id for c in ctx.portal.councils.values() for r in c.of("notice")] == ["2026-n1"]


def test_the_sixth_type_joins_feeds_and_data(portal, notice, tmp_path):
    ctx = context(portal)
    _add_notice(ctx, notice)

    feeds = collect(ctx, "kk")
    entries = feeds[FeedSpec("notices", "kk", None)]
    assert [e.title for e in entries] == ["Хабарландыру"]
    assert any(e.kind == "notice" for e in feeds[FeedSpec("all", "kk", None)])

    site = tmp_path / "site"
    write_opendata(ctx, site)
    assert "notices" in json_files() and "notices" in csv_columns()
    data = json.loads((site / "data" / "notices.json").read_text(encoding="utf-8"))
    assert [i["type"] for i in data["data"]] == ["Notice"]
    schema = json.loads((site / "data" / "schema" / "notices.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    with open(site / "data" / "notices.csv", encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == csv_columns()["notices"] and table[1][1] == "2026-n1"


def test_ashyq_new_writes_the_sixth_type(portal, notice):
    from ashyq.cli import main

    slug = _slug(portal)
    assert main(["new", "notice", slug, str(portal), "--no-input", "--today", "2026-11-21"]) == 0
    written = portal / "councils" / slug / "notices" / "2026-n1.yml"
    assert "posted: 2026-11-21" in written.read_text(encoding="utf-8")


def test_the_sixth_type_has_an_editor_schema(notice):
    assert schema_for("notice")["title"] == "Public notice (notices/<id>.yml)"
    assert yaml_schema_map("schemas")["schemas/notice.json"] == ["councils/*/notices/*.yml",
                                                                  "councils/*/notices/*.yaml"]


def test_the_sixth_type_gets_its_pages(portal, tmp_path):
    from ashyq.cli import main

    slug = _slug(portal)
    folder = portal / "councils" / slug / "notices"
    folder.mkdir()
    (folder / "2026-n1.yml").write_text(NOTICE_FILE, encoding="utf-8")
    site = tmp_path / "site"
    assert main(["build", str(portal), "--out", str(site), "--today", "2026-11-21"]) == 0
    assert (site / "kk" / "councils" / slug / "notices" / "2026-n1" / "index.html").is_file()
    assert (site / "kk" / "councils" / slug / "notices" / "index.html").is_file()
