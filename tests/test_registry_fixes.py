"""Fixes found while moving the record types into the registry."""

from __future__ import annotations

import datetime as dt
import json

import yaml

from ashyq.cli import main
from ashyq.render.context import SiteContext
from ashyq.render.opendata import write_opendata
from ashyq.synthetic import write_portal
from ashyq.validate import check_portal

TODAY = dt.date(2026, 11, 21)


def test_a_new_secretary_does_not_vote(tmp_path):
    root = write_portal(tmp_path / "portal", councils=1, today=TODAY)
    slug = next(p.name for p in (root / "councils").iterdir())
    assert main(["new", "member", slug, str(root), "--role", "secretary", "--name", "Әлия Сәрсенова",
                 "--no-input", "--today", "2026-11-21"]) == 0
    members = yaml.safe_load((root / "councils" / slug / "members.yml").read_text(encoding="utf-8"))["members"]
    secretary = members[-1]
    assert secretary["role"] == "secretary" and secretary["voting"] is False
    assert main(["new", "member", slug, str(root), "--name", "Ерлан Бекұлы", "--no-input",
                 "--today", "2026-11-21"]) == 0
    member = yaml.safe_load((root / "councils" / slug / "members.yml").read_text(encoding="utf-8"))["members"][-1]
    assert member.get("voting", True) is True


def test_open_data_of_a_kazakh_only_portal_links_no_russian_pages(tmp_path):
    root = write_portal(tmp_path / "portal", councils=1, today=TODAY)
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "languages: [kk]\n", encoding="utf-8")
    result = check_portal(root, TODAY)
    assert result.portal is not None and result.portal.config.languages == ["kk"]
    ctx = SiteContext(result.portal, result.findings, result.dates, TODAY, tuple(result.portal.config.languages))
    site = tmp_path / "site"
    write_opendata(ctx, site)
    meetings = json.loads((site / "data" / "meetings.json").read_text(encoding="utf-8"))["data"]
    assert meetings and all(m["web"]["ru"] is None and m["web"]["kk"] for m in meetings)
    council = json.loads((site / "data" / "councils.json").read_text(encoding="utf-8"))["data"][0]
    assert council["web"]["ru"] is None and council["feeds"]["ru"] is None and council["calendar"]["ru"] is None
    members = json.loads((site / "data" / "members.json").read_text(encoding="utf-8"))["data"]
    assert all(m["label"]["ru"] is None for m in members)
    text = "\n".join(p.read_text(encoding="utf-8") for p in (site / "data").rglob("*.json")
                     if "schema" not in p.parts)
    assert "/ru/" not in text
