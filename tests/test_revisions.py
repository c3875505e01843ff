"""Each record page lists its revisions from git, and a correction after publication is marked.

A real repository is built in the test's folder (``revisionkit``): fields
edited, the protocol text edited, the file renamed, a field added, a line
with an IIN taken out. The real ``ashyq build`` runs on it, on a
``git clone --depth 1`` of it and on a copy outside git; the pages are read
back in kk and ru.
"""

from __future__ import annotations

import datetime as dt
from html import unescape
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from buildkit import Site, build, build_ok, copy_portal, digest_diff, live_scripts, search_fragments, tree_digest
from revisionkit import (C1, HOSTILE_MESSAGE, IIN, MEETING, NEW_LINE, OLD_LINE, RECOMMENDATION, RENAMED,
                         TODAY_DATE, COMMITS, git, history_portal)

MEETING_PAGE = f"{{lang}}/{C1}/meetings/2025-01/"


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return history_portal(tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def site(portal: Path, tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("history-site") / "site"
    proc = build_ok(portal, out)
    return Site(portal, out, proc.stdout)


def article_html(site: Site, path: str) -> str:
    html = site.html(path)
    return html[html.index("<article"):html.index("</article>")]


def history_html(site: Site, path: str) -> str:
    html = article_html(site, path)
    return html[html.index('id="revisions"'):]


def text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags dropped, references read, spaces squashed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def items(html: str) -> list[str]:
    """The text of each revision in the list, newest first."""
    body = html[html.index('<ol class="ashyq-revisions"'):html.index("</ol>")]
    return [text(part) for part in body.split("<li>")[1:]]


# --- what the page lists -------------------------------------------------------------------------

def test_search_finds_the_current_text_not_the_wording_a_revision_replaced(site: Site):
    page = search_fragments(site.out, "ru")["/" + MEETING_PAGE.format(lang="ru")]
    assert NEW_LINE in page and OLD_LINE not in page
    assert OLD_LINE in text(history_html(site, MEETING_PAGE.format(lang="ru")))  # the page still shows it


def test_the_page_lists_every_revision_newest_first_following_the_rename(site: Site):
    for lang in ("kk", "ru"):
        listed = items(history_html(site, MEETING_PAGE.format(lang=lang)))
        messages = ["Video link added", "Rename the budget meeting's file", HOSTILE_MESSAGE,
                    "Place and time corrected", "Clean portal"]
        assert len(listed) == len(messages), listed
        for entry, message in zip(listed, messages):
            assert message in entry, (lang, entry)


def test_field_changes_are_named_with_the_pages_labels_in_each_language(site: Site):
    ru = items(history_html(site, MEETING_PAGE.format(lang="ru")))
    kk = items(history_html(site, MEETING_PAGE.format(lang="kk")))
    # Commit "Place and time corrected": a scalar shows old → new, a nested change its path in the file.
    assert "Изменено: Время начала (10:00 → 11:00), Место (place.ru)." in ru[3]
    assert "Өзгертілді: Басталу уақыты (10:00 → 11:00), Өтетін орны (place.ru)." in kk[3]
    # Commit "Video link added": a new field.
    assert "Добавлено: Видеозапись." in ru[0]
    assert "Қосылды: Бейнежазба." in kk[0]
    # The first commit: the record was added.
    assert "Запись добавлена на портал." in ru[4]
    assert "Жазба порталға қосылды." in kk[4]
    # The rename names the file it had.
    assert f"Прежнее имя файла: {MEETING}" in ru[1]
    assert f"Файлдың бұрынғы атауы: {MEETING}" in kk[1]


def test_a_yaml_records_field_change_is_listed(site: Site):
    ru = items(history_html(site, f"ru/{C1}/recommendations/2025-r1/"))
    assert len(ru) == 2
    assert "Изменено: Название (title.ru)." in ru[0]
    kk = items(history_html(site, f"kk/{C1}/recommendations/2025-r1/"))
    assert "Өзгертілді: Атауы (title.ru)." in kk[0]


def test_the_body_diff_shows_removed_and_added_lines_with_text_labels(site: Site):
    html = history_html(site, MEETING_PAGE.format(lang="ru"))
    entry = html.split("<li>")[3]
    assert "Изменено: Текст (на русском)." in text(entry)
    removed = re.search(r"<p>([^<]*): <del>(.*?)</del></p>", entry)
    added = re.search(r"<p>([^<]*): <ins>(.*?)</ins></p>", entry)
    assert removed and added, entry
    assert (text(removed[1]), text(removed[2])) == ("Удалённая строка", OLD_LINE)
    assert (text(added[1]), text(added[2])) == ("Добавленная строка", NEW_LINE)
    assert "<details" in entry and "<summary>Изменения в тексте</summary>" in entry
    # The kk page names the change in the Russian text, in Kazakh; it shows no Russian diff.
    kk = history_html(site, MEETING_PAGE.format(lang="kk")).split("<li>")[3]
    assert "Өзгертілді: Мәтін (орысша)." in text(kk)
    assert "<del>" not in kk


def test_a_line_with_personal_data_taken_out_is_not_put_back(site: Site):
    html = site.html(f"ru/{C1}/meetings/2025-02/")
    assert IIN not in html
    entry = items(history_html(site, f"ru/{C1}/meetings/2025-02/"))[0]
    assert "Строка не показана: в ней могут быть персональные данные." in entry


# --- corrections -----------------------------------------------------------------------------------

def test_a_correction_after_publication_is_marked_near_the_top(site: Site):
    for lang, word, day in (("ru", "Исправлено", "5 февраля 2026 г."), ("kk", "Түзетілді", "2026 ж. 5 ақпан")):
        html = article_html(site, MEETING_PAGE.format(lang=lang))
        notice = html.index('<div class="admonition note">')
        assert notice < html.index("<h2"), "the notice comes before the page's first section"
        assert notice > html.index('<p class="ashyq-meta">'), "…and right after its dates"
        assert text(html[notice:html.index("</div>", notice)]).startswith(f"{word}: {day}")
        listed = items(history_html(site, MEETING_PAGE.format(lang=lang)))
        # Corrections: the field fix and the text fix; not the rename, not the added video link.
        assert [word in entry for entry in listed] == [False, False, True, True, False], listed


def test_a_record_never_changed_has_no_correction_notice(site: Site):
    html = article_html(site, f"ru/{C1}/meetings/2025-03/")
    assert 'class="admonition note"' not in html
    listed = items(history_html(site, f"ru/{C1}/meetings/2025-03/"))
    assert len(listed) == 1 and "Запись добавлена на портал." in listed[0]


def test_records_committed_together_share_their_list_but_each_page_keeps_its_heading_in_its_contents(site: Site):
    """The list of a history that reads alike is made once per council (render/revisionpage.py: ``_plain_key``);
    the heading above it is each page's own, so it stays in that page's table of contents."""
    untouched = [f"ru/{C1}/meetings/2025-03/", f"ru/{C1}/meetings/2025-04/"]
    lists = []
    for path in untouched:
        html = site.html(path)
        body = history_html(site, path)
        lists.append(body[body.index('<ol class="ashyq-revisions"'):body.index("</ol>")])
        assert html.count('href="#revisions" class="md-nav__link"') == 1, path  # in the page's contents
        assert len(items(body)) == 1
    assert lists[0] == lists[1]
    # A record with its own changes gets its own list: the changed fields are named in it.
    changed = history_html(site, MEETING_PAGE.format(lang="ru"))
    assert changed[changed.index('<ol'):changed.index("</ol>")] != lists[0]


def test_adding_a_translation_or_a_field_is_no_correction():
    from ashyq.render.revisions import FieldChange, Hunk, Revision, field_changes

    when = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    added = field_changes({"title": {"kk": "А"}, "status": "planned"},
                          {"title": {"kk": "А", "ru": "Б"}, "status": "held", "video": "https://v.kz/1"})
    assert added == [FieldChange(("title", "ru"), "added", None, "Б"),
                     FieldChange(("status",), "changed", "planned", "held"),
                     FieldChange(("video",), "added", None, "https://v.kz/1")]
    assert not Revision(when, "c", "s", "changed", fields=added).rewrites
    assert not Revision(when, "c", "s", "changed", body={"ru": [Hunk((), ("Новая строка",))]}).rewrites
    assert Revision(when, "c", "s", "changed", body={"ru": [Hunk(("Старая",), ("Новая",))]}).rewrites
    changed = field_changes({"decisions": [{"text": "a"}]}, {"decisions": [{"text": "b"}, {"text": "c"}]})
    assert [(c.path, c.op) for c in changed] == [(("decisions", 0, "text"), "changed"), (("decisions", 1), "added")]
    assert Revision(when, "c", "s", "changed", fields=changed).rewrites


# --- safety and sameness ---------------------------------------------------------------------------

def test_a_commit_message_with_html_is_shown_as_text(site: Site):
    for lang in ("kk", "ru"):
        html = site.html(MEETING_PAGE.format(lang=lang))
        assert live_scripts(html) == []
        assert "<b>bold</b>" not in html
        # The message is shown as text: "javascript:" may be read on the page, never inside an attribute.
        assert 'href="javascript' not in html and not re.search(r'="[^"]*javascript:', html)
        assert HOSTILE_MESSAGE in text(history_html(site, MEETING_PAGE.format(lang=lang)))


def test_two_builds_of_the_same_repository_give_the_same_bytes(portal: Path, site: Site, tmp_path: Path):
    again = tmp_path / "again"
    build_ok(portal, again)
    pages = {k: v for k, v in tree_digest(site.out).items() if k.endswith(".html")}
    pages_again = {k: v for k, v in tree_digest(again).items() if k.endswith(".html")}
    assert pages == pages_again, digest_diff(pages, pages_again)


def test_the_fast_path_and_mkdocs_render_the_history_alike(portal: Path, site: Site, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ASHYQ_ENGINE", "mkdocs")
    out = tmp_path / "mkdocs"
    build_ok(portal, out)
    reference = Site(portal, out)
    for lang in ("kk", "ru"):
        path = MEETING_PAGE.format(lang=lang)
        assert " ".join(history_html(reference, path).split()) == " ".join(history_html(site, path).split())
        top = article_html(reference, path)
        assert text(top[top.index('<div class="admonition note">'):top.index("</div>")]) == \
            text(article_html(site, path)[article_html(site, path).index('<div class="admonition note">'):
                                          article_html(site, path).index("</div>")])


# --- without the full history -----------------------------------------------------------------------

def test_a_shallow_clone_builds_and_says_the_history_is_partial(portal: Path, tmp_path: Path):
    repo = portal.parent
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)], check=True,
                   capture_output=True)
    root = clone / "portal"
    out = tmp_path / "site"
    build_ok(root, out)
    shallow = Site(root, out)
    for lang, warning, boundary in (("ru", "История неполная", "Более ранних изменений в этой копии нет."),
                                    ("kk", "Тарих толық емес", "Осы күнге дейінгі өзгерістер бұл көшірмеде жоқ.")):
        html = history_html(shallow, f"{lang}/{C1}/meetings/2025-03/")
        assert warning in text(html)
        listed = items(html)
        assert len(listed) == 1 and boundary in listed[0], listed
    # Nothing is called a correction when the history before it is unknown.
    assert 'class="admonition note"' not in article_html(shallow, MEETING_PAGE.format(lang="ru"))


def test_outside_git_the_page_says_there_is_no_history(portal: Path, tmp_path: Path):
    root = copy_portal(portal, tmp_path / "plain")
    out = tmp_path / "site"
    build_ok(root, out)
    plain = Site(root, out)
    assert "История изменений недоступна: сайт собран без истории git." in \
        text(history_html(plain, f"ru/{C1}/meetings/2025-03/"))
    assert "Өзгерістер тарихы жоқ: сайт git тарихынсыз жиналған." in \
        text(history_html(plain, f"kk/{C1}/meetings/2025-03/"))


# --- one pass, bounded, and incremental builds ------------------------------------------------------

def _context(root: Path):
    from ashyq.render.context import SiteContext
    from ashyq.validate import check_portal

    result = check_portal(root, TODAY_DATE)
    assert result.portal is not None
    return SiteContext(result.portal, result.findings, result.dates, result.today)


def test_history_is_one_git_log_and_one_batch_read_per_council(portal: Path, monkeypatch: pytest.MonkeyPatch):
    from ashyq.render.revisions import council_histories

    calls: list[list[str]] = []
    real = subprocess.Popen

    class Spy(real):  # every child process, whichever helper starts it
        def __init__(self, args, *a, **kw):
            calls.append([str(x) for x in args])
            super().__init__(args, *a, **kw)

    monkeypatch.setattr(subprocess, "Popen", Spy)
    ctx = _context(portal)
    assert len([c for c in calls if "log" in c]) == 1, calls
    calls.clear()
    council = ctx.portal.councils["council-001"]
    histories = council_histories(ctx, council)
    assert [c[1:3] for c in calls] == [["cat-file", "--batch-check"], ["cat-file", "--batch"]]
    council_histories(ctx, council)  # the council's other pages read nothing more
    assert len(calls) == 2
    assert len(histories[RENAMED].revisions) == 5
    assert len(histories[RECOMMENDATION].revisions) == 2


def test_a_council_s_pages_in_every_language_go_to_one_worker(portal: Path):
    # Its histories are read from git once per process (above): a worker given the council's Kazakh pages
    # and another its Russian ones would read them twice (render/fastpages.py: council_chunks).
    # The portal's pages of each language are a share of their own, first (they show every council).
    from ashyq.render.fastpages import PORTAL_SHARE, Edition, council_chunks
    from ashyq.render.sitepages import collect_pages

    ctx = _context(portal)
    editions = {lang: Edition(collect_pages(ctx.portal.councils.values(), lang, portal / "content"),
                              portal / f"mkdocs.{lang}.yml", portal / "site" / lang) for lang in ("kk", "ru")}
    chunks = council_chunks(editions)
    shares = [PORTAL_SHARE + "kk", PORTAL_SHARE + "ru"]
    assert list(chunks)[:2] == shares and set(chunks) == set(ctx.portal.councils) | set(shares)
    for share, lang in zip(shares, ("kk", "ru")):
        [(told, srcs)] = chunks.pop(share)
        assert told == lang and srcs == [p.src_uri for p in editions[lang].pages.of_kind("portal")] and srcs
    for slug, parts in chunks.items():
        assert [lang for lang, _ in parts] == ["kk", "ru"]
        assert all(srcs and all(f"councils/{slug}/" in src for src in srcs) for _, srcs in parts)
    kept = council_chunks(editions, reuse=lambda lang, slug, pages: lang == "kk")
    assert all([lang for lang, _ in parts] == ["ru"] for slug, parts in kept.items() if slug not in shares)


def test_the_revisions_shown_are_capped_and_the_rest_counted(portal: Path, monkeypatch: pytest.MonkeyPatch):
    import ashyq.render.revisions as module

    ctx = _context(portal)
    monkeypatch.setattr(module, "_shown", lambda ctx: 2)
    history = module.council_histories(ctx, ctx.portal.councils["council-001"])[RENAMED]
    assert [r.subject for r in history.revisions] == ["Video link added", "Rename the budget meeting's file"]
    assert history.more == 3


def test_a_changed_history_changes_the_councils_fingerprint(portal: Path, tmp_path: Path):
    from ashyq.write.incremental import council_fingerprint

    repo = tmp_path / "repo"
    shutil.copytree(portal.parent, repo)
    root = repo / "portal"
    before = council_fingerprint(_context(root), _context(root).portal.councils["council-001"])
    assert before == council_fingerprint(_context(root), _context(root).portal.councils["council-001"])
    # The files stay the same; only the last commit's message is reworded.
    git(repo, COMMITS["Personal data taken out"], "commit", "-q", "--amend", "-m", "Reworded")
    after = council_fingerprint(_context(root), _context(root).portal.councils["council-001"])
    assert after != before


def test_a_warm_build_shows_a_new_commit(portal: Path, tmp_path: Path):
    repo = tmp_path / "repo"
    shutil.copytree(portal.parent, repo)
    root, out = repo / "portal", tmp_path / "site"
    build_ok(root, out)
    git(repo, COMMITS["Personal data taken out"], "commit", "-q", "--amend", "-m", "Reworded message")
    proc = build(root, out)
    assert proc.returncode == 0, proc.stderr
    assert "Reworded message" in Site(root, out).html(f"ru/{C1}/meetings/2025-02/")
