"""Incremental builds: an unchanged council is reused from the previous site, and warm equals cold.

A portal of three synthetic councils, each its own search shard, is built,
then built again after one record of one council changed. The other two
councils' pages and shards must be the previous build's files (the same
inodes: hard links, nothing rendered or written), the changed council's
must be new, and the whole site must be byte for byte what a ``--fresh``
build of the same input gives. Anything every page depends on (here: the
portal's name) makes the next build render everything; a new day renders
what it changes only (tests/test_dayfacts.py).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
from pathlib import Path

import pytest

from buildkit import TODAY, build, digest_diff, tree_digest

COUNCILS = ("council-001", "council-002", "council-003")


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in sorted(folder.rglob("*")) if p.is_file()}


def _digests(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).digest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _rewritten_alike(inodes: dict[str, int], digests: dict[str, bytes], folder: Path) -> list[str]:
    """The files of ``folder`` written anew (another inode than before) though their bytes are the same: a
    warm build links those from the live site instead (render/unchanged.py)."""
    now = _digests(folder)
    return [k for k, ino in _inodes(folder).items() if k in inodes and ino != inodes[k] and now[k] == digests[k]]


def _edit_both_titles(meeting: Path, mark: str = "Түзетілді") -> None:
    """A change every edition shows: the meeting's title in both languages."""
    text = meeting.read_text(encoding="utf-8")
    edited = text.replace("\n  kk: '", f"\n  kk: '{mark}: ", 1).replace("\n  ru: '", f"\n  ru: '{mark}: ", 1)
    assert edited != text
    meeting.write_text(edited, encoding="utf-8")


def _ok(proc) -> str:
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from ashyq.synthetic import write_portal

    monkeypatch.setenv("ASHYQ_SEARCH_SHARD_PAGES", "1")  # every council its own search shard
    root = tmp_path / "portal"
    write_portal(root, councils=len(COUNCILS), today=dt.date.fromisoformat(TODAY))
    return root


def _retitle(root: Path) -> None:
    meeting = sorted((root / "councils" / "council-002" / "meetings").glob("*.md"))[0]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("title:", "title_changed_marker: 1\ntitle:", 0) + "\nЖаңа жол.\n",
                       encoding="utf-8")


def test_a_warm_build_reuses_unchanged_councils_and_equals_a_cold_one(portal: Path, tmp_path: Path):
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    _ok(build(portal, out))
    before, contents = _inodes(out), _digests(out)
    _retitle(portal)
    stdout = _ok(build(portal, out))
    after = _inodes(out)
    assert "Reused" in stdout or "Алдыңғы" in stdout, stdout

    for lang in ("kk", "ru"):
        for slug in ("council-001", "council-003"):
            pages = {k: v for k, v in after.items() if k.startswith(f"{lang}/councils/{slug}/") and
                     k.endswith(".html") and k.count("/") > 3}  # record and section pages (the fast ones)
            assert pages and all(before.get(k) == v for k, v in pages.items()), (lang, slug)
        # Feeds: the unchanged councils' own and their members' are the previous files.
        for slug in ("council-001", "council-003"):
            feeds = {k: v for k, v in after.items() if k.startswith(f"{lang}/councils/{slug}/") and k.endswith(".xml")}
            assert any("/members/" in k for k in feeds), (lang, slug)
            assert feeds and all(before.get(k) == v for k, v in feeds.items()), (lang, slug)
            calendar = f"{lang}/councils/{slug}/calendar.ics"
            assert before[calendar] == after[calendar], (lang, slug)
    # The changed council's pages and feeds that changed are new files; only those: what came out the same
    # anywhere (its pages in the edition the edit left alone, the portal's data files) is the live site's.
    changed = [k for k in after if k.startswith(("kk/councils/council-002/", "ru/councils/council-002/"))
               and k.endswith(".html")]
    assert changed and any(before.get(k) != after[k] for k in changed)
    assert any(before.get(k) == after[k] for k in changed)
    assert _rewritten_alike(before, contents, out) == []
    shards = sorted({k.split("/")[1] for k in after if k.startswith("pagefind/") and k.count("/") > 1})
    kept = [s for s in shards if all(before.get(k) == v for k, v in after.items() if k.startswith(f"pagefind/{s}/"))]
    assert len(shards) >= 8 and len(kept) >= 4, (shards, kept)  # kk, kk-2…4, ru, ru-2…4: the unchanged councils
    for name in ("index.html", "robots.txt", "sitemap.xml"):  # the same pages: the root files are linked
        assert before[name] == after[name], name

    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))


def test_a_new_page_writes_the_root_files_again(portal: Path, tmp_path: Path):
    """The sitemap lists every page: a build with a page more writes it (and the root page) again, and the
    site is a cold build's."""
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    _ok(build(portal, out))
    before = _inodes(out)
    meetings = sorted((portal / "councils" / "council-002" / "meetings").glob("*.md"))
    text = meetings[0].read_text(encoding="utf-8")
    (meetings[0].parent / "2019-12.md").write_text(text.replace(f"id: {meetings[0].stem}", "id: 2019-12"),
                                                    encoding="utf-8")
    _ok(build(portal, out))
    assert before["sitemap.xml"] != _inodes(out)["sitemap.xml"]
    assert "councils/council-002/meetings/2019-12/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))


def test_what_every_page_depends_on_rebuilds_everything(portal: Path, tmp_path: Path):
    out = tmp_path / "site"
    _ok(build(portal, out))
    before, contents = _inodes(out), _digests(out)
    config = portal / "site_config.yml"  # the portal's name: in every page's header
    config.write_text(config.read_text(encoding="utf-8").replace("  kk: ", "  kk: Жаңа ", 1), encoding="utf-8")
    proc = _ok(build(portal, out, "--lang", "en"))
    # No council comes over: every page is rendered again; the search shards whose pages read the same are
    # brought over all the same, and so is each file that came out the same.
    assert "unchanged: 0 pages" in proc, proc
    assert _rewritten_alike(before, contents, out) == []
    after = _digests(out)
    assert any(after[k] != contents[k] for k in after if k in contents and k.startswith("kk/councils/"))
    from ashyq.write.spare import spare_path
    assert not spare_path(out).exists()  # a site of another configuration is of no use to the next build


def test_no_previous_site_folder_is_left_behind(portal: Path, tmp_path: Path):
    out = tmp_path / "site"
    _ok(build(portal, out))
    _ok(build(portal, out))
    _ok(build(portal, out, "--fresh"))  # the third build clears what a second one's background deletion left
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".ashyq-staging-")]
    assert leftovers == []


def test_a_joint_meeting_changed_by_its_keeper_refreshes_the_partners_feeds_and_calendar(portal: Path, tmp_path: Path):
    """council-003 keeps a meeting joint with council-001: council-001's feeds carry it, so a change of
    it in council-003 makes council-001's feeds new too, and warm still equals cold."""
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    meeting = sorted((portal / "councils" / "council-003" / "meetings").glob("*.md"))[-1]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("\ntitle:", "\njoint_with: [council-001]\ntitle:", 1), encoding="utf-8")
    _ok(build(portal, out))
    before = _inodes(out)
    _edit_both_titles(meeting)
    _ok(build(portal, out))
    after = _inodes(out)
    for partner in ("kk/councils/council-001/all.atom.xml", "kk/councils/council-001/calendar.ics"):
        assert partner in after and before[partner] != after[partner]
    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))


def test_a_partner_renamed_refreshes_the_pages_that_name_it(portal: Path, tmp_path: Path):
    """council-003's joint meeting names council-001 on its page: renaming council-001 makes that page new,
    though none of council-003's files changed (``incremental.neighbours``); warm still equals cold."""
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    meeting = sorted((portal / "councils" / "council-003" / "meetings").glob("*.md"))[-1]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("\ntitle:", "\njoint_with: [council-001]\ntitle:", 1), encoding="utf-8")
    _ok(build(portal, out))
    council = portal / "councils" / "council-001" / "council.yml"
    council.write_text(council.read_text(encoding="utf-8").replace("№1 қоғамдық кеңес", "№1 жаңа кеңес"),
                       encoding="utf-8")
    _ok(build(portal, out))
    page = out / "kk" / "councils" / "council-003" / "meetings" / meeting.stem / "index.html"
    assert "№1 жаңа кеңес" in page.read_text(encoding="utf-8")
    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))


def test_an_unchanged_council_s_open_data_comes_from_the_previous_site(portal: Path, tmp_path: Path):
    # Marked in the previous site's file: the mark reaching the new site (and the portal-wide list) shows that
    # the document was read back rather than made again; the changed council's document is made again.
    # Without the cache: with it, the portal-wide lists join the parts the shelf keeps (the test above).
    import json

    out = tmp_path / "site"
    _ok(build(portal, out, "--no-cache"))
    for slug in ("council-001", "council-002"):
        path = out / "data" / "councils" / f"{slug}.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["council"]["id"] = f"{slug}-as-the-last-build-wrote-it"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    _retitle(portal)
    _ok(build(portal, out, "--no-cache"))
    ids = [c["id"] for c in json.loads((out / "data" / "councils.json").read_text(encoding="utf-8"))["data"]]
    assert "council-001-as-the-last-build-wrote-it" in ids
    assert not any(i.startswith("council-002-") for i in ids) and "council-003-as-the-last-build-wrote-it" not in ids


def test_compiled_templates_are_kept_in_the_cache_folder_and_none_without_a_cache(portal: Path, tmp_path: Path,
                                                                                    monkeypatch: pytest.MonkeyPatch):
    from ashyq.render.pages import environment
    from conftest import run_main

    monkeypatch.setenv("ASHYQ_CACHE_DIR", str(tmp_path / "cache"))
    for html in (False, True):  # as in a new process: an earlier build in this one compiled them already
        environment(html=html).cache.clear()
    code, _out, err = run_main(["build", str(portal), "--out", str(tmp_path / "site"), "--today", TODAY])
    assert code == 0, err
    kept = sorted(p.name for p in (tmp_path / "cache" / "templates").iterdir())
    assert any(n.startswith("html-") for n in kept) and any(n.startswith("md-") for n in kept), kept
    code, _out, err = run_main(["build", str(portal), "--out", str(tmp_path / "site"), "--today", TODAY, "--no-cache"])
    assert code == 0, err
    assert environment(html=True).bytecode_cache is None and environment().bytecode_cache is None


def _folder_inode(path: Path) -> int:
    return path.stat().st_ino


def test_a_third_build_moves_unchanged_folders_from_the_spare_and_links_the_rest(portal: Path, tmp_path: Path):
    """The site a swap replaces is kept as the spare; the next warm build moves (one rename: the folder
    itself comes over, same inode) each council folder and shard the spare has right, links from the live
    site what changed in the live site's build (council-002 here), renders what changed since (council-003),
    and still equals a cold build. The live site is never written to."""
    from ashyq.write.spare import spare_path

    out, fresh = tmp_path / "site", tmp_path / "fresh"
    spare = spare_path(out)
    _ok(build(portal, out))
    assert not spare.exists()  # nothing was replaced: no spare
    _retitle(portal)
    _ok(build(portal, out))
    assert (spare / ".ashyq-site").is_file()  # the first site, kept
    # A council's folder is moved whole, or (where MkDocs already copied its attachments into the new site)
    # each of its folders is: its meetings' pages, say.
    spare_dirs = {lang: _folder_inode(spare / lang / "councils" / "council-001" / "meetings") for lang in ("kk", "ru")}
    live_files = _inodes(out)
    live = tree_digest(out)
    meeting = sorted((portal / "councils" / "council-003" / "meetings").glob("*.md"))[0]
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nТағы бір жол.\n", encoding="utf-8")
    _ok(build(portal, out))
    new_files = _inodes(out)
    for lang in ("kk", "ru"):
        assert _folder_inode(out / lang / "councils" / "council-001" / "meetings") == spare_dirs[lang]  # moved
        # (MkDocs writes anew in every build the attachments, and a council's own page while the menu lists
        # the councils, as it does for three)
        linked = [k for k in new_files if k.startswith(f"{lang}/councils/council-002/") and "/attachments/" not in k
                  and k != f"{lang}/councils/council-002/index.html"]
        assert linked and all(new_files[k] == live_files[k] for k in linked)  # the live site's own files
    # the appended line is in one edition's text: its page there is rendered anew, the other's is the same file
    rendered = [k for k in new_files if k.startswith(("kk/councils/council-003/meetings/",
                                                      "ru/councils/council-003/meetings/"))]
    assert any(new_files[k] != live_files.get(k) for k in rendered)
    assert tree_digest(spare) == live  # the site just replaced is the next spare, untouched
    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))


def test_a_failed_build_that_took_the_spare_leaves_the_live_site_and_the_next_build_links(
        portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from conftest import run_main
    from ashyq.write.spare import spare_path

    out, fresh = tmp_path / "site", tmp_path / "fresh"
    _ok(build(portal, out))
    _retitle(portal)
    _ok(build(portal, out))
    live = tree_digest(out)
    meeting = sorted((portal / "councils" / "council-003" / "meetings").glob("*.md"))[0]
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nТағы бір жол.\n", encoding="utf-8")

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device", str(out / "sitemap.xml"))

    with monkeypatch.context() as patch:
        patch.setattr("ashyq.write.build.drop_edition_sitemaps", broken)  # after the reuse step took the spare
        code, _stdout, _err = run_main(["build", str(portal), "--out", str(out), "--today", TODAY, "--no-cache"])
    assert code == 1
    assert tree_digest(out) == live and not spare_path(out).exists()
    _ok(build(portal, out))
    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))


def test_a_chrome_unlike_the_live_site_s_keeps_no_council_and_their_attachments_still_come(
        portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The councils to keep are chosen before MkDocs renders the chrome (their attachments are left out of the
    docs trees); should the chrome then differ from the live site's, nothing is kept, and the attachments
    left out are copied in: the site is what a cold build makes."""
    from conftest import run_main

    out, fresh = tmp_path / "site", tmp_path / "fresh"
    _ok(build(portal, out))
    _retitle(portal)
    with monkeypatch.context() as patch:
        patch.setattr("ashyq.write.reuse.chrome_hash", lambda edition: "another chrome")
        code, stdout, err = run_main(["build", str(portal), "--out", str(out), "--today", TODAY, "--lang", "en"])
    assert code == 0, err
    assert "Reused" not in stdout or "unchanged: 0 pages" in stdout, stdout  # (the shards do not hang on it)
    _ok(build(portal, fresh, "--fresh"))
    warm, cold = tree_digest(out), tree_digest(fresh)
    assert any("/attachments/" in k for k in cold)
    for digests in (warm, cold):
        digests.pop(".ashyq-cache.json")  # it holds the chrome's hash
    assert warm == cold, digest_diff(warm, cold)


def _shelf(root: Path) -> Path:
    """The cache shelf's folder of the portal at ``root`` (the tests' cache home, conftest.py)."""
    import os

    from ashyq.load.cache import portal_folder

    folder = portal_folder(root.resolve())
    assert folder is not None and Path(os.environ["ASHYQ_CACHE_DIR"]) in folder.parents
    return folder


def _parts(root: Path) -> dict[str, Path]:
    """The open data parts the cache shelf keeps of the portal at ``root``: slug -> its one entry."""
    folder = _shelf(root)
    found = {p.name.split(".")[0]: p for p in folder.glob("*.data")}
    assert all(len(list(folder.glob(f"{slug}.*.data"))) == 1 for slug in found)  # a new part drops the older
    return found


def test_a_warm_build_joins_the_open_data_parts_kept_on_the_cache_shelf(portal: Path, tmp_path: Path):
    """The portal-wide data files of a warm build are joined from each unchanged council's part as the cache
    shelf keeps it (a part planted there shows), a changed council's part is made again, and an unchanged
    council's document is the previous site's file."""
    import pickle
    import zipfile

    out = tmp_path / "site"
    _ok(build(portal, out))
    parts = _parts(portal)
    assert sorted(parts) == list(COUNCILS)
    for slug in ("council-001", "council-002"):  # plant a marker in an unchanged and in the changed council's part
        part = pickle.loads(parts[slug].read_bytes())
        assert part.lists["councils"].startswith(b'{"type":"Organization"')
        part.lists["councils"] = part.lists["councils"].replace(b'"type":"Organization"',
                                                                f'"type":"planted-{slug}"'.encode())
        parts[slug].write_bytes(pickle.dumps(part))
    before = _inodes(out)
    _retitle(portal)
    _ok(build(portal, out))
    councils = (out / "data" / "councils.json").read_text(encoding="utf-8")
    assert "planted-council-001" in councils and "planted-council-002" not in councils
    with zipfile.ZipFile(out / "data" / "ashyq-data.zip") as archive:  # the archive joins the planted segment
        assert archive.read("councils.json").decode("utf-8") == councils
    assert before["data/councils/council-001.json"] == _inodes(out)["data/councils/council-001.json"]
    assert before["data/councils/council-002.json"] != _inodes(out)["data/councils/council-002.json"]
    assert sorted(_parts(portal)) == list(COUNCILS)


def test_without_the_cache_a_build_keeps_no_parts(portal: Path, tmp_path: Path):
    _ok(build(portal, tmp_path / "site", "--no-cache"))
    assert _parts(portal) == {}


def test_a_round_of_kept_councils_takes_its_share_of_the_portal_feeds_and_calendar_from_the_shelf(
        portal: Path, tmp_path: Path):
    """The three councils make one round. Its share of the portal's feeds and calendar is kept on the shelf; a
    build that keeps every council whole takes it from there (a share planted there shows) rather than read
    the councils' records again, and a build in which one of them changed makes it again."""
    import dataclasses
    import pickle

    out = tmp_path / "site"
    _ok(build(portal, out))
    (feeds,) = _shelf(portal).glob("council-001.*.feeds")
    (calendars,) = _shelf(portal).glob("council-001.*.calendars")
    offers = pickle.loads(feeds.read_bytes())
    spec = next(s for s in offers if s.name == "all" and s.lang == "kk" and s.slug is None)
    offers[spec] = [dataclasses.replace(offers[spec][0], title="planted-title"), *offers[spec][1:]]
    feeds.write_bytes(pickle.dumps(offers))
    own = pickle.loads(calendars.read_bytes())
    order, event, councils = own["kk"][0]
    own["kk"][0] = (order, event.replace(b"BEGIN:VEVENT\r\n", b"BEGIN:VEVENT\r\nX-PLANTED:planted-event\r\n", 1),
                    councils)
    calendars.write_bytes(pickle.dumps(own))

    def planted() -> tuple[bool, bool]:
        return ("planted-title" in (out / "kk" / "feeds" / "all.atom.xml").read_text(encoding="utf-8"),
                "planted-event" in (out / "kk" / "calendar.ics").read_text(encoding="utf-8"))

    _ok(build(portal, out))  # nothing changed: every council kept, the round not run
    assert planted() == (True, True)
    _retitle(portal)
    _ok(build(portal, out))
    assert planted() == (False, False)


def test_a_calendar_month_page_is_taken_from_the_shelf_while_its_councils_hold(portal: Path, tmp_path: Path):
    """Each month page of the calendar is kept on the shelf; a warm build takes it from there (a page planted
    there shows) unless a record it lists changed, and then renders that month again, and only that one."""
    import pickle
    import re

    out = tmp_path / "site"
    _ok(build(portal, out))
    # the months' articles (kk-2026-01.<key>.article): content, title, table of contents
    entries = sorted((_shelf(portal) / "pages").glob("kk-[0-9]*.article"))
    assert len(entries) > 3, entries
    for entry in entries:
        content, title, toc = pickle.loads(entry.read_bytes())
        assert "<h1" in content
        entry.write_bytes(pickle.dumps((content.replace("<h1", "<p>planted-month</p><h1", 1), title, toc)))
    meeting = sorted((portal / "councils" / "council-002" / "meetings").glob("*.md"))[0]
    month = re.search(r"^date: *'?(\d{4}-\d{2})", meeting.read_text(encoding="utf-8"), re.M).group(1)

    def planted() -> dict[str, bool]:
        months = [entry.name.split(".")[0][3:] for entry in entries]
        return {m: "planted-month" in (out / "kk" / "calendar" / m / "index.html").read_text(encoding="utf-8")
                for m in months}

    _ok(build(portal, out))  # nothing changed: every month from the shelf
    assert all(planted().values()), planted()
    _retitle(portal)  # council-002's meeting of ``month`` changed
    _ok(build(portal, out))
    shown = planted()
    assert shown[month] is False and all(shown[m] for m in shown if m != month), (month, shown)


def test_the_portal_pages_are_taken_from_the_shelf_while_what_they_show_holds(portal: Path, tmp_path: Path):
    """The home page, the councils' index, the calendar, the overdue responses and the compliance overview are
    kept on the shelf under what they show: a warm build takes them from there (a page planted there shows)
    while that holds. A changed record leaves the councils' index alone (it shows no record); a council
    renamed renders them all again; and the site is still what a cold build makes."""
    import pickle

    out, fresh = tmp_path / "site", tmp_path / "fresh"
    _ok(build(portal, out))
    pages = {"home": "index.html", "councils": "councils/index.html", "calendar": "calendar/index.html",
             "overdue": "overdue/index.html", "compliance": "compliance/index.html"}
    for name in pages:
        [entry] = (_shelf(portal) / "pages").glob(f"kk-{name}.*.article")
        content, title, toc = pickle.loads(entry.read_bytes())
        entry.write_bytes(pickle.dumps((content + f"\n<p>planted-{name}</p>\n", title, toc)))

    def planted() -> dict[str, bool]:
        return {name: f"planted-{name}" in (out / "kk" / path).read_text(encoding="utf-8")
                for name, path in pages.items()}

    _ok(build(portal, out))  # nothing changed: every page from the shelf
    assert all(planted().values()), planted()
    _retitle(portal)
    _ok(build(portal, out))
    assert planted()["councils"], planted()
    council = portal / "councils" / "council-002" / "council.yml"
    council.write_text(council.read_text(encoding="utf-8").replace("name:", "name_marker: 1\nname:", 0)
                       .replace("kk: ", "kk: Жаңа ", 1), encoding="utf-8")
    _ok(build(portal, out))
    assert not any(planted().values()), planted()
    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(out, fresh)


def test_a_portal_page_s_key_follows_what_it_shows():
    """The key of a page kept by what it shows changes with any value of its data, a record's file, a council's
    own files, the edition's pages and the site's fingerprint; a value of an unknown kind keeps it off the
    shelf."""
    from dataclasses import dataclass
    from types import SimpleNamespace

    from ashyq.models import Council
    from ashyq.render.pagememo import PageMemo
    from ashyq.render.sitepages import SitePage

    @dataclass(frozen=True)
    class Row:
        council: Council
        total: int

    councils = {slug: Council(slug, f"councils/{slug}") for slug in ("a", "b")}
    site_pages = [SimpleNamespace(src_uri="index.md", dest_uri="index.html")]
    renderer = SimpleNamespace(lang="kk", ctx=SimpleNamespace(portal=SimpleNamespace(councils=councils)),
                               site_pages=site_pages, filters=lambda: {"council": ["a", "b"]})
    page = SitePage("kk", "portal", "compliance.md", "kk/compliance/", name="compliance")
    files = {"councils/a/council.yml": b"1", "councils/b/council.yml": b"2"}

    def key(data: dict, salt: str = "salt", day: str = "2026-11-21", **changed: bytes) -> str | None:
        digests = {**files, **{name.replace("_", "/").replace("/yml", ".yml"): v for name, v in changed.items()}}
        return PageMemo(None, salt, digests.get, day).key(renderer, page, data)

    data = {"rows": [Row(councils["a"], 1), Row(councils["b"], 0)], "families": ["a", "b"]}
    assert key(data) == key(dict(data))
    assert key(data) != key({**data, "rows": [Row(councils["a"], 2), Row(councils["b"], 0)]})
    assert key(data) != key(data, "other salt")
    assert key(data) == key(data, day="2026-11-22")  # what it shows of the day (findings) is in its data
    overdue = SitePage("kk", "portal", "overdue.md", "kk/overdue/", name="overdue")
    assert (PageMemo(None, "salt", files.get, "2026-11-21").key(renderer, overdue, data)
            != PageMemo(None, "salt", files.get, "2026-11-22").key(renderer, overdue, data))  # its template may
    assert key(data) != key(data, councils_b_council_yml=b"3")  # a council's own file: its name, its type
    assert key(data) != key(data, councils_b_members_yml=b"3")
    before = key(data)
    site_pages.append(SimpleNamespace(src_uri="new.md", dest_uri="new/index.html"))
    assert key(data) != before  # a page added: a link may now resolve to it
    assert key({**data, "sort": lambda row: row.total}) is None  # a function: no key, the page is rendered


def test_a_month_page_s_key_follows_the_records_it_lists_only():
    """The key a month page is kept under changes with a file of a record it lists, with its council's name and
    with the list, and not with any other file: one changed record renders its month again, not every month
    its council has events in."""
    from types import SimpleNamespace

    from ashyq.render.pagememo import PageMemo
    from ashyq.render.sitepages import SitePage

    def row(slug: str, name: str, uid: str, region: str = "Абай облысы"):
        info = SimpleNamespace(type="district", region={"kk": region, "ru": region})
        council = SimpleNamespace(slug=slug, name=lambda lang: f"{name} ({lang})", info=info)
        return council, SimpleNamespace(uid=uid, source=SimpleNamespace(file=f"councils/{uid}.md"))

    rows = [row("a", "A", "a/meeting/1"), row("b", "B", "b/meeting/7")]
    renderer = SimpleNamespace(lang="kk", calendar_month=lambda month: {
        "rows": rows, "previous": "2025-12", "next": None, "filters": {"council": ["a", "b", "c"]}})
    page = SitePage.for_calendar_month("kk", "2026-01")
    files = {f"councils/{uid}.md": b"1" for uid in ("a/meeting/1", "a/meeting/2", "b/meeting/7")}

    def key(salt: str = "salt", day: str = "2026-11-21", **changed: bytes) -> str | None:
        digests = {**files, **{f"councils/{uid.replace('_', '/')}.md": v for uid, v in changed.items()}}
        return PageMemo(None, salt, digests.get, day).key(renderer, page)

    assert key() == key(a_meeting_2=b"2") != key(b_meeting_7=b"2")  # a/meeting/2 is of another month
    assert key() != key("other salt")
    assert key() == key(day="2026-11-22")  # an event's status is its record's: a new day renders no month
    before = key()
    rows[1] = row("b", "B renamed", "b/meeting/7")
    assert key() != before
    before = key()
    rows[1] = row("b", "B renamed", "b/meeting/7", region="Ақмола облысы")  # a large portal lists it elsewhere
    assert key() != before
    rows.append(row("a", "A", "a/meeting/2"))
    assert key() != key(a_meeting_2=b"2")
    rows.append(row("c", "C", "c/meeting/3"))
    assert key() is None  # a file that cannot be read: the page is rendered, not kept


def test_an_edition_whose_docs_tree_did_not_change_keeps_what_mkdocs_made_of_it(portal: Path, tmp_path: Path):
    """A line added to a record's text changes none of the pages MkDocs renders (the hand-written and
    generated pages, the councils' pages while the menu lists them, the shells): MkDocs does not run, its
    files are the live site's (same inodes), and the site is still what a cold build makes. Nor does a
    meeting's new title, which its calendar month shows: the portal's pages are fast pages."""
    import json

    out, fresh = tmp_path / "site", tmp_path / "fresh"
    meeting = sorted((portal / "councils" / "council-003" / "meetings").glob("*.md"))[0]
    _ok(build(portal, out))
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nБір жол.\n", encoding="utf-8")
    _ok(build(portal, out))  # this council's attachments now go through the docs tree, as they will next time
    mkdocs_files = json.loads((out / ".ashyq-cache.json").read_text(encoding="utf-8"))["mkdocs"]
    assert sorted(mkdocs_files) == ["kk", "ru"] and "404.html" in mkdocs_files["kk"]
    assert "index.html" not in mkdocs_files["kk"]  # the home page is a fast page
    before = _inodes(out)
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nТағы бір жол.\n", encoding="utf-8")
    _ok(build(portal, out))
    after = _inodes(out)
    for lang in ("kk", "ru"):
        assert [rel for rel in mkdocs_files[lang] if after[f"{lang}/{rel}"] != before[f"{lang}/{rel}"]] == []
    assert after["kk/councils/council-003/index.html"] == before["kk/councils/council-003/index.html"]
    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))

    (out / "ru" / "404.html").unlink()  # a file the kept list names is gone: MkDocs runs after all
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nҮшінші жол.\n", encoding="utf-8")
    before = _inodes(out)
    _ok(build(portal, out))
    # MkDocs made it again (the live site had none to link); what it made as before is the live site's file
    assert (out / "ru" / "404.html").is_file() and _inodes(out)["ru/rules/index.html"] == before["ru/rules/index.html"]
    assert _inodes(out)["kk/rules/index.html"] == before["kk/rules/index.html"]

    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("  kk: '1-отырыс:", "  kk: '1-отырыс (өзгерді):", 1), encoding="utf-8")
    before = _inodes(out)
    _ok(build(portal, out))
    after = _inodes(out)
    for lang in ("kk", "ru"):
        assert [rel for rel in mkdocs_files[lang] if after[f"{lang}/{rel}"] != before[f"{lang}/{rel}"]] == []
    months = (out / "kk" / "calendar").glob("*/index.html")
    assert any("1-отырыс (өзгерді)" in month.read_text(encoding="utf-8") for month in months)
    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))


def test_bringing_a_file_over_one_already_there_replaces_it_and_never_writes_into_it(tmp_path: Path):
    """A file already at the target may be a link of the live site's own (an edition MkDocs did not run
    for): it is replaced by a link, never written into, and a link of the very file is left as it is."""
    from ashyq.write.incremental import link_or_copy

    live, old, new = tmp_path / "live.html", tmp_path / "old.html", tmp_path / "new.html"
    live.write_text("the live site's page", encoding="utf-8")
    old.write_text("the previous build's page", encoding="utf-8")
    os.link(live, new)
    link_or_copy(old, new)
    assert live.read_text(encoding="utf-8") == "the live site's page"
    assert os.path.samefile(old, new)
    link_or_copy(old, new)  # the same file already: nothing to do
    assert os.path.samefile(old, new)


def test_a_shard_re_indexed_takes_a_kept_council_s_twins_from_the_shelf(portal: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    """Two councils share a search shard. When one of them changes, the shard is indexed again, and the
    other, kept whole, gives what Pagefind reads of its pages from the cache shelf (a word planted there is
    in the new index) rather than from its pages; the changed council's twins are kept there anew."""
    import gzip
    import pickle
    import zlib

    monkeypatch.setenv("ASHYQ_SEARCH_SHARD_PAGES", "150")  # council-001 and council-002 share a shard
    out = tmp_path / "site"
    _ok(build(portal, out))
    (entry,) = _shelf(portal).glob("council-001.*.twins-kk")
    twins = pickle.loads(zlib.decompress(pickle.loads(entry.read_bytes())))
    assert twins and all(rel.startswith("kk/councils/council-001/") for rel, _ in twins)
    rel, twin = twins[0]
    twins[0] = (rel, twin.replace(b"</article>", b"<p>zhasyrynsoz</p></article>", 1))
    entry.write_bytes(pickle.dumps(zlib.compress(pickle.dumps(twins), 1)))
    changed = sorted(_shelf(portal).glob("council-002.*.twins-kk"))
    _edit_both_titles(sorted((portal / "councils" / "council-002" / "meetings").glob("*.md"))[0])
    _ok(build(portal, out))
    shard = next(p for p in sorted((out / "pagefind").glob("kk*")) if any(
        b"/kk/councils/council-001/" in gzip.decompress(f.read_bytes()) for f in p.glob("fragment/*.pf_fragment")))
    fragments = b"".join(gzip.decompress(f.read_bytes()) for f in shard.glob("fragment/*.pf_fragment"))
    assert b"council-002" in fragments and b"zhasyrynsoz" in fragments
    assert sorted(_shelf(portal).glob("council-002.*.twins-kk")) != changed  # made again, under its new key


def test_the_build_cache_keeps_each_council_s_pages_as_a_count_and_a_hash(tmp_path: Path):
    """The cache file keeps, per council and edition, how many files its fast pages made and a hash of their
    paths (the lists themselves made it 9.9 MB at national size): a page added, removed or renamed is a
    change; the count is what the build reports as reused."""
    from ashyq.write.incremental import BuildCache, pages_made

    pages = ["councils/a/index.html", "councils/a/meetings/1/index.html"]
    old = BuildCache(site="s", councils={"a": "f"}, files={"kk/a": pages_made(pages)})
    old.save(tmp_path)
    assert (tmp_path / ".ashyq-cache.json").stat().st_size < 400
    loaded = BuildCache.load(tmp_path)
    assert loaded.pages_of("kk", "a") == 2 and loaded.pages_of("ru", "a") == 0

    def new(files: list[str]) -> BuildCache:
        return BuildCache(site="s", councils={"a": "f"}, files={"kk/a": pages_made(files)})

    assert loaded.folder_unchanged(new(pages), ["kk"], "a")
    assert not loaded.folder_unchanged(new(pages[:1]), ["kk"], "a")
    assert not loaded.folder_unchanged(new([*pages, "councils/a/meetings/2/index.html"]), ["kk"], "a")
    assert not loaded.folder_unchanged(new([pages[0], "councils/a/meetings/one/index.html"]), ["kk"], "a")


@pytest.mark.parametrize("keeps_fewer", [None, "chrome", "pages"])
def test_a_light_warm_build_starts_its_side_lane_early_and_equals_a_cold_one(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch,
                                                                             keeps_fewer: str | None):
    """A build that keeps nearly every council (``LIGHT_SIDE_LANE``) starts its feeds, calendars and data as
    soon as the fingerprints tell which councils it may keep, beside the pages, the docs trees and MkDocs,
    writing beside the site; moved in when the lane is joined, they are what a cold build writes. Should the
    build then keep fewer councils after all, the lane, which left their feeds and calendars to come over
    with their folders, starts again with the fast pages: when the chrome differs from the live site's (it
    keeps none), or when a council's list of pages differs though its inputs held (it keeps the others)."""
    from ashyq.load.walk import steady
    from ashyq.synthetic import write_portal
    from ashyq.validate import check_portal
    from ashyq.write import build as build_mod
    from ashyq.write import reuse as reuse_mod

    today = dt.date.fromisoformat(TODAY)
    root = write_portal(tmp_path / "portal", councils=10, years=(2026, 2026), today=today)
    early: list[bool] = []
    started: list[bool] = []
    real, lane = build_mod.run_steps, build_mod.SideLane
    monkeypatch.setattr(build_mod, "run_steps", lambda b, steps=build_mod.STEPS: (real(b, steps), early.append(b.early)))

    def run(out: Path, fresh: bool = False) -> None:
        with steady():
            build_mod.build_site(check_portal(root, today, cache=True), out, fresh=fresh, cache=True)

    out, cold = tmp_path / "site", tmp_path / "cold"
    run(out)
    meeting = sorted((root / "councils" / "council-005" / "meetings").glob("*.md"))[0]
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nЖаңа жол.\n", encoding="utf-8")
    with monkeypatch.context() as patch:
        if keeps_fewer == "chrome":
            patch.setattr("ashyq.write.reuse.chrome_hash", lambda edition: "another chrome")
        if keeps_fewer == "pages":
            made = reuse_mod.pages_made
            patch.setattr(reuse_mod, "pages_made", lambda files: "0:other" if any(
                f.startswith("councils/council-003/") for f in files) else made(files))
        patch.setattr("ashyq.write.lanes.SideLane", lambda steps, **kw: (started.append(True), lane(steps, **kw))[1])
        run(out)
    run(cold, fresh=True)
    assert started == ([True, True] if keeps_fewer else [True])  # early, and again with the fast pages
    assert early == [False, not keeps_fewer, False]
    warm, fresh = tree_digest(out), tree_digest(cold)
    for digests in (warm, fresh):
        digests.pop(".ashyq-cache.json")  # it holds the chrome's hash
    assert warm == fresh, digest_diff(warm, fresh)


def test_a_change_to_one_language_leaves_the_other_edition_s_search_shard_as_it_was(portal: Path, tmp_path: Path):
    """A meeting's Russian title corrected: the council's Kazakh pages read the same to Pagefind, so its
    Kazakh shard is brought over from the live site (its files are the live ones) and only the Russian one is
    indexed again; the next build, with nothing changed, keeps both; and warm still equals cold."""
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    _ok(build(portal, out))
    before = _inodes(out)
    meeting = sorted((portal / "councils" / "council-002" / "meetings").glob("*.md"))[0]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("\n  ru: '", "\n  ru: 'Уточнено: ", 1), encoding="utf-8")
    _ok(build(portal, out))
    after = _inodes(out)

    def shard_of(lang: str) -> str:
        return next(p.name for p in sorted((out / "pagefind").glob(f"{lang}*")) if any(
            f"/{lang}/councils/council-002/".encode() in gzip.decompress(f.read_bytes())
            for f in p.glob("fragment/*.pf_fragment")))

    for lang, same in (("kk", True), ("ru", False)):
        files = [k for k in after if k.startswith(f"pagefind/{shard_of(lang)}/")]
        assert files and all((before.get(k) == after[k]) is same for k in files if k.endswith(".pf_meta")), lang
        assert all(before.get(k) == after[k] for k in files) is same, lang
    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))


def _large_portal_change(tmp_path: Path, edit) -> tuple[dict[str, int], dict[str, int], str, Path]:
    """A portal past the menu's limit (its lists split by region) built, ``edit(meeting)`` made to a meeting of
    council-002, built again: the files' inodes before and after, the name of council-002's region's pages,
    and the meeting; then the site is checked against a cold build's."""
    from ashyq.load.tree import load_portal
    from ashyq.render.regional import BY_REGION_ABOVE, parts
    from ashyq.synthetic import write_portal

    root, out, fresh = tmp_path / "portal", tmp_path / "site", tmp_path / "fresh"
    write_portal(root, councils=BY_REGION_ABOVE + 2, today=dt.date.fromisoformat(TODAY))
    _ok(build(root, out))
    before = _inodes(out)
    meeting = sorted((root / "councils" / "council-002" / "meetings").glob("*.md"))[0]
    edit(meeting)
    _ok(build(root, out))
    after = _inodes(out)
    portal, _ = load_portal(root)
    assert portal is not None
    (mine,) = [p.slug for p in parts(portal.councils.values(), "kk") if "council-002" in {c.slug for c in p.councils}]
    _ok(build(root, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))
    return before, after, mine, meeting


def _late(meeting: Path) -> None:
    text = meeting.read_text(encoding="utf-8")
    late = re.sub(r"protocol_published: (\d{4})-\d\d-\d\d", r"protocol_published: \g<1>-12-30", text, count=1)
    assert late != text
    meeting.write_text(late, encoding="utf-8")


def test_a_finding_on_a_large_portal_rewrites_the_overview_s_summary_and_one_region_s_page(tmp_path: Path):
    """Past the menu's limit the compliance overview is split by region: a protocol published late in one
    council changes the overview's sums and that council's region page; every other region's page is the
    live site's file; and warm still equals cold."""
    before, after, mine, _meeting = _large_portal_change(tmp_path, _late)
    for lang in ("kk", "ru"):
        changed = sorted(k for k, v in after.items() if k.startswith(f"{lang}/compliance/") and before.get(k) != v)
        assert changed == sorted([f"{lang}/compliance/index.html", f"{lang}/compliance/{mine}/index.html"]), changed


def test_an_event_retitled_on_a_large_portal_rewrites_one_region_s_page_of_its_month(tmp_path: Path):
    """Past the menu's limit each calendar month lists its regions, each region's events on a page of its own:
    a meeting retitled rewrites its region's page of its month in each edition, and no other calendar page
    (the month's own, counting events, comes out the same) but its region's calendar file; warm still equals
    cold."""
    before, after, mine, meeting = _large_portal_change(tmp_path, _edit_both_titles)
    month = re.search(r"^date: (\d{4}-\d\d)", meeting.read_text(encoding="utf-8"), re.M).group(1)
    for lang in ("kk", "ru"):
        changed = sorted(k for k, v in after.items() if k.startswith(f"{lang}/calendar/") and before.get(k) != v)
        # and the region's calendar file, which has the event (the portal's is not under calendar/)
        assert changed == sorted([f"{lang}/calendar/{month}/{mine}/index.html", f"{lang}/calendar/{mine}.ics"]), changed
