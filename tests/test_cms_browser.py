"""The web editor (/admin/) driven as a secretary would, in headless Chromium, and what it saves checked.

Decap CMS runs from the files ``ashyq`` writes into the site (vendored bundle, generated
configuration), under the page's own Content-Security-Policy. Only the backend is swapped: the
configuration is served with Decap's in-memory ``test-repo`` backend, seeded with a new portal's
council files, so nothing leaves the machine. The test creates a meeting (both languages, members
present, an agenda item, an attached PDF, the protocol text) and a recommendation adopted at it,
reads back the files Decap would commit (the test backend's store), writes them into the portal and
runs ``ashyq check``: no data errors. The portal has two councils: the secretary finds theirs on the
council list (a plain page, read with JavaScript off too), and its editor opens with that council's
collections only, filled in from the one template exactly as ``expand`` fills it in.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import re
import shutil
from pathlib import Path

import pytest

from buildkit import serve_folder
from test_browser import CHROMIUM, CHROMIUM_ARGS, QuietHandler, describe, serious, sync_api  # noqa: F401

from ashyq.scaffold.cms import EDITOR, editor_site, expand, write_admin
from ashyq.scaffold.init import init_portal
from ashyq.validate import check_portal

TODAY = dt.date(2026, 3, 2)
SLUG = "kenes"
OTHER = "other"  # a second council of the portal: its collections stay out of SLUG's editor
TIMEOUT = 20_000


def blank_pdf() -> bytes:
    """A real one-page PDF: the check reads attachments for personal data."""
    import io

    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(595, 842)
    writer.write(out)
    return out.getvalue()


PDF = blank_pdf()


def with_test_repo(text: str) -> dict:
    """The generated configuration with Decap's in-memory backend instead of GitHub."""
    data = json.loads(text.split("\n", 1)[1])
    data["backend"] = {"name": "test-repo"}
    return data


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cms") / "portal"
    init_portal(root, today=TODAY, name_kk="Кеңес", name_ru="Совет", slug=SLUG, council_type="city",
                base_url="https://kenes.example.kz/")
    other = tmp_path_factory.mktemp("cms-other") / "portal"
    init_portal(other, today=TODAY, name_kk="Аудан кеңесі", name_ru="Совет района", slug=OTHER,
                council_type="district", base_url="https://kenes.example.kz/")
    shutil.copytree(other / "councils" / OTHER, root / "councils" / OTHER)
    return root


@pytest.fixture(scope="module")
def admin_site(portal: Path, tmp_path_factory) -> Path:
    result = check_portal(portal, TODAY)
    assert result.portal is not None
    site = tmp_path_factory.mktemp("cms-site")
    write_admin(editor_site(result.portal), site / "admin")
    return site


@pytest.fixture(scope="module")
def server(admin_site: Path):
    with serve_folder(admin_site, QuietHandler) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def seed(portal: Path) -> dict:
    """The test backend's repository: the council's files as the secretary's repository holds them."""
    council = portal / "councils" / SLUG
    return {"councils": {SLUG: {name: {"content": (council / name).read_text(encoding="utf-8")}
                                for name in ("council.yml", "members.yml")}}}


class Editor:
    """One browser page on /admin/ with the test backend, logged in."""

    def __init__(self, browser, server: str, admin_site: Path, portal: Path, lang: str = "kk",
                 choose: str | None = None):
        """``choose``: open the council list and follow the link of that council's name (else go straight
        to SLUG's editor)."""
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        self.context.set_default_timeout(TIMEOUT)
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.context.route(re.compile(r"^(?!" + re.escape(server) + ")"), self._outside)
        sub = "" if lang == "kk" else "ru/"
        self.config = with_test_repo((admin_site / "admin" / sub / "config.yml").read_text(encoding="utf-8"))
        body = json.dumps(self.config, ensure_ascii=False)
        self.context.route(f"{server}/admin/{sub}config.yml",
                           lambda route: route.fulfill(body=body, content_type="text/yaml"))
        # The repository survives a reload in sessionStorage, as a real one survives between sessions.
        self.context.add_init_script(
            f"window.repoFiles = JSON.parse(sessionStorage.getItem('ashyq-test-repo') || 'null')"
            f" || {json.dumps(seed(portal), ensure_ascii=False)};")
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(f"{exc} {getattr(exc, 'stack', '')}"[:600]))
        self.page.on("dialog", lambda dialog: dialog.accept())
        self.url = f"{server}/admin/{sub}{EDITOR}?council={SLUG}"
        self.lang = lang
        if choose:
            self.page.goto(f"{server}/admin/{sub}")
            self.page.get_by_role("link", name=choose, exact=True).click()
        else:
            self.page.goto(self.url)
        self.login()

    def login(self) -> None:
        """Log in, unless the session is remembered (Decap keeps the user in localStorage)."""
        button = self.page.get_by_role("button", name=re.compile("Кіру" if self.lang == "kk" else "Войти"))
        collections = self.page.locator('a[href*="#/collections/"]').first
        button.or_(collections).first.wait_for()
        if button.count():
            button.click()
        collections.wait_for()

    def _outside(self, route) -> None:
        self.blocked.append(route.request.url)
        route.abort()

    def close(self) -> None:
        self.context.close()

    # --- fields, found by the ids Decap derives from our field names ("<name>-field-<n>") ---
    def label(self, scope, name: str):
        return scope.locator(f'label[for^="{name}-field-"]').first

    def field(self, scope, name: str):
        return self.page.locator(f'[id="{self.label(scope, name).get_attribute("for")}"]')

    def box(self, scope, name: str):
        return self.label(scope, name).locator("xpath=../..")

    def text(self, scope, name: str, kk: str, ru: str) -> None:
        box = self.box(scope, name)
        self.field(box, "kk").fill(kk)
        self.field(box, "ru").fill(ru)

    def choose(self, scope, name: str, *values: str) -> None:
        """A select or relation: type each value and take the option that shows it."""
        control = self.box(scope, name).locator("input").first
        for value in values:
            control.fill(value)
            self.page.locator('[class*="option"]', has_text=re.compile(rf"^{re.escape(value)}\b")).first.click()

    def new(self, collection: str) -> None:
        self.page.goto(f"{self.url}#/collections/{collection}/new")
        self.label(self.page, "id").wait_for()

    def save(self) -> None:
        self.page.get_by_role("button", name=re.compile("^(Сақтау|Сохранить)$")).click()
        self.page.get_by_text(re.compile("^(Жазба сақталды|Запись сохранена)$")).first.wait_for()

    def saved(self) -> dict[str, str]:
        """``path -> text`` of every record the editorial workflow would commit (uploads aside)."""
        entries = self.page.evaluate("Object.values(window.repoFilesUnpublished || {})")
        return {d["path"]: d["content"] for e in entries for d in e["diffs"] if isinstance(d["content"], str)}

    def merge(self, files: dict[str, str]) -> None:
        """As if the pull request were merged and the secretary came back: a new session whose repository
        holds the files."""
        self.page.evaluate("""files => { const repo = window.repoFiles;
            for (const [path, content] of Object.entries(files)) {  // the test backend lists a folder by its path
              const cut = path.lastIndexOf('/'), folder = path.slice(0, cut);
              repo[folder] = repo[folder] || {}; repo[folder][path.slice(cut + 1)] = {content}; }
            for (const c of Object.values(repo.councils)) { delete c.attachments; }  // binary uploads stay out
            sessionStorage.setItem('ashyq-test-repo', JSON.stringify(repo)); }""", files)
        self.page.goto(self.url)
        self.page.reload()
        self.login()


def fill_meeting(ed: Editor, tmp_path: Path) -> None:
    page = ed.page
    ed.new(f"{SLUG}-meetings")
    ed.field(page, "id").fill("2026-01")
    ed.field(page, "number").fill("1")
    ed.text(page, "title", "Кеңестің кезекті отырысы", "Очередное заседание совета")
    ed.field(page, "date").fill("2026-02-20")
    ed.field(page, "time").fill("10:00")
    ed.field(page, "end_time").fill("12:00")
    ed.text(page, "place", "Әкімдік ғимараты, 2-зал", "Здание акимата, зал 2")
    ed.choose(page, "status", "held")
    ed.field(page, "agenda_published").fill("2026-02-13")
    ed.choose(page, "attendance", "m01", "m02", "m03", "m04", "m05", "m06")
    ed.field(page, "protocol_published").fill("2026-02-24")
    # one agenda item
    agenda = ed.box(page, "agenda")
    agenda.get_by_role("button", name=re.compile("Қосу")).first.click()
    ed.text(agenda, "title", "Қала көлігі туралы", "О городском транспорте")
    # the signed protocol, uploaded through the media library into the council's attachments/
    attachments = ed.box(page, "attachments")
    attachments.get_by_role("button", name=re.compile("Қосу")).first.click()
    pdf = tmp_path / "hattama-1.pdf"
    pdf.write_bytes(PDF)
    ed.box(attachments, "file").get_by_role("button", name="Файлды таңдау").click()
    page.locator('input[type="file"]').last.set_input_files(str(pdf))
    page.get_by_role("button", name="Таңдалғанды алу").click()
    ed.text(attachments, "title", "Қол қойылған хаттама", "Подписанный протокол")
    page.locator('textarea[name="body-kk"]').fill("## Хаттама № 1\n\nОтырысқа 6 мүше қатысты.")
    page.locator('textarea[name="body-ru"]').fill("## Протокол № 1\n\nНа заседании присутствовали 6 членов.")


def fill_recommendation(ed: Editor) -> None:
    page = ed.page
    ed.new(f"{SLUG}-recommendations")
    ed.field(page, "id").fill("2026-r1")
    ed.text(page, "title", "Аялдамалар туралы", "Об остановках")
    ed.text(page, "text", "Аялдамаларды жөндеу ұсынылады.", "Рекомендуется отремонтировать остановки.")
    ed.text(page, "addressee", "Қала әкімдігі", "Акимат города")
    ed.field(page, "basis").fill("5.1.3")
    ed.choose(page, "meeting", "2026-01")
    ed.field(page, "sent").fill("2026-02-25")


def test_a_meeting_and_a_recommendation_made_in_the_editor_pass_the_check(browser, server, admin_site, portal,
                                                                          tmp_path):
    ed = Editor(browser, server, admin_site, portal)
    try:
        fill_meeting(ed, tmp_path)
        ed.save()
        meeting_files = ed.saved()
        uploads = ed.page.evaluate("""() => Object.values(window.repoFilesUnpublished || {})
            .flatMap(e => e.diffs).map(d => d.path)""")
        ed.merge(meeting_files)
        fill_recommendation(ed)
        ed.save()
        files = {**meeting_files, **ed.saved()}
    except Exception:
        ed.page.screenshot(path=str(tmp_path / "failed.png"), full_page=True)
        print("screenshot:", tmp_path / "failed.png", ed.errors, ed.blocked)
        raise
    finally:
        ed.close()
    assert not ed.errors, ed.errors
    assert not ed.blocked, ed.blocked  # nothing fetched from anywhere but the portal itself
    meeting = files[f"councils/{SLUG}/meetings/2026-01.md"]
    recommendation = files[f"councils/{SLUG}/recommendations/2026-r1.yml"]
    assert meeting.startswith("---\n") and "<!-- lang: kk -->\n## Хаттама № 1" in meeting
    assert "<!-- lang: ru -->\n## Протокол № 1" in meeting
    assert "file: attachments/hattama-1.pdf" in meeting
    assert f"councils/{SLUG}/attachments/hattama-1.pdf" in uploads
    assert "meeting: 2026-01" in recommendation

    for path, content in files.items():
        target = portal / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (portal / "councils" / SLUG / "attachments" / "hattama-1.pdf").write_bytes(PDF)
    result = check_portal(portal, TODAY)
    errors = [(f.file, f.line, f.field, f.rule, f.key) for f in result.findings if f.blocking]
    assert errors == []
    kinds = {r.KIND: r for r in result.portal.councils[SLUG].records()}
    assert kinds["meeting"].title.kk == "Кеңестің кезекті отырысы"
    assert kinds["meeting"].time == "10:00" and kinds["meeting"].attendance[:2] == ["m01", "m02"]
    assert kinds["meeting"].body["ru"].strip().startswith("## Протокол № 1")
    assert kinds["recommendation"].meeting == "2026-01"


def test_the_editor_speaks_kazakh_and_russian(browser, server, admin_site, portal):
    for lang, words in (("kk", ("Жазбалар", "Отырыстар")), ("ru", ("Записи", "Заседания"))):
        ed = Editor(browser, server, admin_site, portal, lang)
        try:
            ed.page.get_by_text(words[1]).first.wait_for()
            body = ed.page.locator("body").inner_text()
            assert all(w in body for w in words), (lang, body[:500])
            assert not re.search(r"\b(Contents|Workflow|Collections|Search all|Log ?out)\b", body), body[:800]
        finally:
            ed.close()
        assert not ed.errors, ed.errors


def test_the_council_list_works_without_javascript_and_is_accessible(browser, server):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for sub, lang, names in (("", "kk", ("Кеңес", "Аудан кеңесі")),
                                 ("ru/", "ru", ("Совет", "Совет района"))):
            page.goto(f"{server}/admin/{sub}")
            links = {a.inner_text(): a.get_attribute("href") for a in page.locator("main ul a").all()}
            assert links == {names[0]: f"{EDITOR}?council={SLUG}", names[1]: f"{EDITOR}?council={OTHER}"}
            assert page.locator("html").get_attribute("lang") == lang and page.locator("h1").inner_text()
        context.close()
        context = browser.new_context()
        page = context.new_page()
        for sub in ("", "ru/"):
            page.goto(f"{server}/admin/{sub}")
            violations = serious(Axe().run(page).response)
            assert not violations, describe(violations)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_council_chosen_on_the_list_opens_with_its_own_collections(browser, server, admin_site, portal, lang):
    name = {"kk": "Кеңес", "ru": "Совет"}[lang]
    ed = Editor(browser, server, admin_site, portal, lang, choose=name)
    try:
        assert f"/{EDITOR}?council={SLUG}" in ed.page.url
        hrefs = [a.get_attribute("href") for a in ed.page.locator('a[href*="#/collections/"]').all()]
        assert hrefs and all(f"/collections/{SLUG}-" in h for h in hrefs), hrefs
        # the page filled the template in exactly as expand() does
        assert ed.page.evaluate("window.ashyqEditorConfig") == expand(ed.config, SLUG)
        assert name in ed.page.title()
        # the other language's link opens the same council
        ed.page.locator("a.ashyq-admin-lang").click()
        ed.page.wait_for_url(re.compile(rf"/admin/{'ru/' if lang == 'kk' else ''}{EDITOR}\?council={SLUG}"))
    finally:
        ed.close()
    assert not ed.errors, ed.errors
    assert not ed.blocked, ed.blocked


def test_the_editor_without_a_known_council_leads_to_the_list(browser, server):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{server}/admin/ru/{EDITOR}?council=nowhere")
        page.wait_for_url(f"{server}/admin/ru/")
        assert page.get_by_role("link", name="Совет района", exact=True).is_visible()
    finally:
        context.close()
