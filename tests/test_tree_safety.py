"""Nothing outside the portal tree is ever read or published, and nothing in it vanishes without a word.

Attacks from issue #8: a symbolic link in ``attachments/``, in ``content/``,
a council folder or ``site_config.yml`` that is a link would publish any
file of the build machine (``/etc/passwd``, ``.git/config`` with the CI
token, ``/proc/self/environ``). Records saved as ``.MD``, ``.markdown``,
``.YAML``, ``.yml.txt`` and hidden folders used to vanish silently. Every
test runs the real loader and CLI on real files, links and pipes in
``tmp_path``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

import ashyq.validate as validate
from ashyq.load.tree import load_portal
from ashyq.render.files import copy_attachments, copy_regular_file
from ashyq.render.sitepages import collect_pages
from ashyq.synthetic import write_portal
from ashyq.validate import check_portal

from buildkit import build

TODAY = dt.date(2026, 11, 21)
SECRET = "TOKEN-do-not-publish-42"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the portal that must never reach the site (stands for .git/config or /etc/passwd)."""
    path = tmp_path / "outside" / "config"
    path.parent.mkdir()
    path.write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n", encoding="utf-8")
    return path


def _link(link: Path, target: Path) -> Path:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    return link


def _symlink(portal, rel: str, target: Path) -> Path:
    return _link(portal.path(rel), target)


# --- symbolic links are safety errors, never followed ----------------------------------------------------------------

@pytest.mark.parametrize("rel", [
    "attachments/passwd.pdf",             # a linked-looking attachment
    "attachments/2025/etc",               # a linked folder inside attachments
    "meetings/2025-99.md",                # a record file
    "council.yml",                        # the council's own file
    "reserved-dir-link",                  # an unknown entry that is a link
    "expertise/notes.md",                 # a folder that is not read yet
])
def test_a_symlink_in_a_council_folder_is_a_safety_error_naming_the_file(portal, secret, rel):
    if rel == "council.yml":
        portal.delete("council.yml")
    _symlink(portal, rel, secret if "etc" not in rel else secret.parent)
    code, report = portal.check("--lang", "en")
    assert code == 1
    found = report.of("safety.symlink")
    assert [(f["file"], f["kind"], f["severity"]) for f in found] == [(portal.file(rel), "safety", "E")]
    assert "symbolic link" in found[0]["message"] and portal.file(rel) in found[0]["message"]
    assert SECRET not in json.dumps(report)


def test_a_linked_attachment_that_is_a_symlink_is_reported_and_never_read(portal, secret):
    _symlink(portal, "attachments/minutes.pdf", secret)
    portal.edit_yaml("hearings/2025-h1.md", lambda d: d["materials"].append(
        {"file": "attachments/minutes.pdf", "title": {"kk": "Хаттама", "ru": "Протокол"}}))
    code, report = portal.check("--lang", "en")
    assert code == 1
    assert report.of("safety.symlink")[0]["file"] == portal.file("attachments/minutes.pdf")
    # not sniffed, not scanned: the link is the only thing said about it
    assert report.of("privacy.attachment") == []
    assert [f for f in report.of("safety.attachment") if "minutes" in f["file"]] == []


def test_a_symlink_in_content_is_a_safety_error(portal, secret):
    _link(portal.root / "content" / "kk" / "config.md", secret)
    code, report = portal.check()
    assert code == 1
    assert [f["file"] for f in report.of("safety.symlink")] == ["content/kk/config.md"]


def test_a_content_folder_that_is_a_symlink_is_a_safety_error(portal, secret):
    _link(portal.root / "content", secret.parent)
    code, report = portal.check()
    assert code == 1
    assert [f["file"] for f in report.of("safety.symlink")] == ["content"]


def test_a_council_folder_that_is_a_symlink_is_reported_and_not_loaded(portal, tmp_path):
    elsewhere = write_portal(tmp_path / "elsewhere", councils=1, today=TODAY) / "councils" / "council-001"
    _symlink(portal, "councils/evil", elsewhere)
    code, report = portal.check()
    assert code == 1
    assert [f["file"] for f in report.of("safety.symlink")] == ["councils/evil"]
    portal_model, _ = load_portal(portal.root)
    assert sorted(portal_model.councils) == ["council-001"]


def test_a_councils_folder_that_is_a_symlink_is_reported(portal, tmp_path):
    elsewhere = write_portal(tmp_path / "elsewhere", councils=1, today=TODAY) / "councils"
    councils = portal.root / "councils"
    councils.rename(tmp_path / "moved")
    councils.symlink_to(elsewhere)
    code, report = portal.check()
    assert code == 1
    assert [f["file"] for f in report.of("safety.symlink")] == ["councils"]
    assert report.of("data.required") == []  # not "councils is missing" on top


def test_site_config_that_is_a_symlink_is_refused(portal, tmp_path):
    real = tmp_path / "real-config.yml"
    (portal.root / "site_config.yml").rename(real)
    (portal.root / "site_config.yml").symlink_to(real)
    code, report = portal.check()
    assert code == 1
    assert [(f["rule"], f["file"]) for f in report.findings] == [("safety.symlink", "site_config.yml")]


def test_a_pipe_in_attachments_is_reported_and_does_not_hang_the_check(portal):
    fifo = portal.path("attachments/stream.pdf")
    os.mkfifo(fifo)
    portal.edit_yaml("hearings/2025-h1.md", lambda d: d["materials"].append(
        {"file": "attachments/stream.pdf", "title": {"kk": "Ағын", "ru": "Поток"}}))
    proc = portal.run_cli("check", ".", "--today", "2026-11-21", "--lang", "en")  # a hang would time out
    assert proc.returncode == 1, proc.stdout
    assert "[safety.symlink]" in proc.stdout
    assert "councils/council-001/attachments/stream.pdf" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_build_refuses_a_portal_with_a_symlink_and_publishes_nothing(portal, secret, tmp_path):
    _symlink(portal, "attachments/passwd.pdf", secret)
    _link(portal.root / "content" / "kk" / "leak.md", secret)
    out = tmp_path / "site"
    proc = build(portal.root, out)
    assert proc.returncode == 1
    assert "safety.symlink" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_parallel_check_reports_top_level_links_once(tmp_path, secret, monkeypatch):
    root = write_portal(tmp_path / "portal", councils=3, today=TODAY)
    (root / "councils" / "evil").symlink_to(secret.parent)
    (root / "content" / "kk").mkdir(parents=True)
    (root / "content" / "kk" / "leak.md").symlink_to(secret)
    (root / "councils" / "council-002" / "attachments" / "x.pdf").symlink_to(secret)
    monkeypatch.setattr(validate, "PARALLEL_FROM", 2)
    serial = check_portal(root, TODAY).findings
    parallel = check_portal(root, TODAY, jobs=2, keep_records=False).findings
    assert [f.to_json("en") for f in parallel] == [f.to_json("en") for f in serial]
    assert sorted(f.file for f in serial if f.rule == "safety.symlink") == [
        "content/kk/leak.md", "councils/council-002/attachments/x.pdf", "councils/evil"]


# --- the copy steps refuse links even if the check were skipped -------------------------------------------------------

def test_content_pages_never_list_or_enter_a_link(tmp_path, secret):
    content = tmp_path / "content"
    (content / "kk" / "guide").mkdir(parents=True)
    (content / "kk" / "guide" / "index.md").write_text("# Нұсқаулық\n", encoding="utf-8")
    (content / "kk" / "leak.md").symlink_to(secret)
    (content / "kk" / "outside").symlink_to(secret.parent)
    listed = [p.src_uri for p in collect_pages([], "kk", content) if p.kind == "content"]
    assert listed == ["guide/index.md"]


def test_content_pages_refuse_a_language_folder_that_is_a_link(tmp_path, secret):
    content = tmp_path / "content"
    content.mkdir()
    (content / "kk").symlink_to(secret.parent)
    assert [p for p in collect_pages([], "kk", content) if p.kind == "content"] == []


def test_copy_regular_file_refuses_a_link(tmp_path, secret):
    link = tmp_path / "a.pdf"
    link.symlink_to(secret)
    assert copy_regular_file(link, tmp_path / "out" / "a.pdf") is False
    assert not (tmp_path / "out").exists()


def test_copy_attachments_skips_links_even_when_a_record_links_to_them(portal, secret, tmp_path):
    _symlink(portal, "attachments/minutes.pdf", secret)
    _symlink(portal, "attachments/dir", secret.parent)
    portal.edit_yaml("hearings/2025-h1.md", lambda d: d["materials"].extend([
        {"file": "attachments/minutes.pdf", "title": {"kk": "Хаттама", "ru": "Протокол"}},
        {"file": "attachments/dir/config", "title": {"kk": "Хаттама", "ru": "Протокол"}}]))
    loaded, _ = load_portal(portal.root)
    docs = tmp_path / "docs"
    assert copy_attachments(loaded, docs) == 1
    files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    assert files == ["councils/council-001/attachments/draft.pdf"]
    assert all(SECRET not in p.read_text(errors="replace") for p in docs.rglob("*") if p.is_file())


# --- near-miss names and hidden entries are reported ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "suggestion"), [
    ("2025-h2.MD", "2025-h2.md"),
    ("2025-h2.markdown", "2025-h2.md"),
    ("2025-h2.YAML", "2025-h2.yaml"),
    ("2025-h2.Yml", "2025-h2.yml"),
    ("2025-h2.yml.txt", "2025-h2.yml"),
    ("2025-h2.md.txt", "2025-h2.md"),
])
def test_a_record_with_a_near_miss_suffix_is_reported_with_the_right_name(portal, name, suggestion):
    portal.write(f"hearings/{name}", portal.read("hearings/2025-h1.md"))
    code, report = portal.check("--lang", "en")
    assert code == 1
    found = report.one("data.unknown-field")
    assert found["file"] == portal.file(f"hearings/{name}")
    assert f"rename it to '{suggestion}'" in found["message"]


@pytest.mark.parametrize("name", ["2025-h2.txt", "2025-h2.json"])
def test_a_record_saved_as_txt_or_json_gets_both_names(portal, name):
    portal.write(f"meetings/{name}", "id: x\n")
    found = portal.findings("--lang", "ru").one("data.unknown-field")
    assert "2025-h2.yml" in found["message"] and "2025-h2.md" in found["message"]


def test_any_other_file_in_a_record_folder_is_reported(portal):
    portal.write("meetings/scan.pdf", b"%PDF-1.4\n")
    found = portal.findings("--lang", "en").one("data.unknown-field")
    assert found["file"] == portal.file("meetings/scan.pdf") and "attachments/" in found["message"]


@pytest.mark.parametrize("rel", ["councils/.almaty", "meetings/.old", ".drafts"])
def test_hidden_folders_are_reported(portal, rel):
    portal.write(f"{rel}/2025-01.md", portal.read("meetings/2025-01.md"))
    found = portal.findings("--lang", "kk").one("data.unknown-field")
    assert found["file"] == portal.file(rel)
    assert "нүктеден басталады" in found["message"]


def test_a_hidden_file_is_a_draft_and_is_skipped(portal):
    portal.write("meetings/.2025-99.md", "not yet a record")
    portal.write("councils/.notes", "")
    code, report = portal.check()
    assert (code, report.findings) == (0, [])


def test_housekeeping_files_are_not_reported(portal):
    for rel in ("meetings/.gitkeep", "attachments/.gitkeep", ".DS_Store", "councils/.DS_Store", "councils/.gitkeep"):
        portal.write(rel, "")
    code, report = portal.check()
    assert (code, report.findings) == (0, [])


def test_a_subfolder_of_a_record_folder_is_reported(portal):
    portal.write("meetings/2025/01.md", portal.read("meetings/2025-01.md"))
    found = portal.findings("--lang", "en").one("data.unknown-field")
    assert found["file"] == portal.file("meetings/2025") and "move the files up" in found["message"]


def test_a_file_among_the_council_folders_is_reported(portal):
    portal.write("councils/almaty.yml", "name: x\n")
    found = portal.findings().one("data.unknown-field")
    assert found["file"] == "councils/almaty.yml"
