"""Kazakh text shown on a Russian page (a missing translation) is marked ``lang="kk"`` (WCAG 3.1.2).

A screen reader reads a Russian page with Russian rules; a Kazakh title or place in its
place is read as Kazakh only when the element says so. The page's own text is not marked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from buildkit import TODAY, build_ok, parse


def test_kazakh_fallback_text_on_a_russian_page_says_its_language(tmp_path: Path):
    from ashyq.synthetic import write_portal

    root = write_portal(tmp_path / "portal", councils=1, today=dt.date.fromisoformat(TODAY))
    meeting = root / "councils" / "council-001" / "meetings" / "2025-01.md"
    text = meeting.read_text(encoding="utf-8")
    end = text.index("\n---\n", 3)
    data = yaml.safe_load(text[4:end + 1])
    data["title"] = {"kk": "Тек қазақша <атау>"}  # no Russian title
    meeting.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + text[end + 1:],
                       encoding="utf-8")
    build_ok(root, tmp_path / "site")
    ru = (tmp_path / "site" / "ru" / "councils" / "council-001" / "meetings" / "2025-01" / "index.html").read_text()
    assert '<span lang="kk">Тек қазақша &lt;атау&gt;</span>' in ru
    assert "Тек қазақша <атау>" in parse(ru).article
    kk = (tmp_path / "site" / "kk" / "councils" / "council-001" / "meetings" / "2025-01" / "index.html").read_text()
    assert '<span lang="kk">' not in kk  # the page's own language needs no mark
    section = (tmp_path / "site" / "ru" / "councils" / "council-001" / "meetings" / "index.html").read_text()
    assert '<span lang="kk">Тек қазақша &lt;атау&gt;</span>' in section
