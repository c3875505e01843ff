"""Attachments: an allow-list of types checked by content, safe names, only linked files published,
and the text of documents scanned for personal data with the page, paragraph, line or cell.

Every fixture is a real file made here: a PDF written by hand, DOCX by
python-docx, XLSX by openpyxl, ODT/ODS as the zip the ODF standard
describes; the check is the real CLI and the build the real command.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import openpyxl
import pypdf
import pytest
import yaml

from ashyq.filetypes import DEFAULT_ALLOWED, KNOWN, REFUSED, safe_name
from ashyq.synthetic import DRAFT_PDF

from buildkit import REPO, build

IIN = "900101300037"  # a valid IIN (real date, right control digit), invented
IIN2 = "850312400158"
PHONE = "+7 701 123 45 67"
HEARING = "hearings/2025-h1.md"


# --- real files --------------------------------------------------------------------------------------------------

def minimal_pdf(*pages: str) -> bytes:
    """A valid PDF with one line of Helvetica text per page (ASCII text)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def make_docx(*paragraphs: str, table: list[list[str]] | None = None, header: str | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    if header:
        document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx(sheets: dict[str, dict[str, object]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, cells in sheets.items():
        sheet = book.create_sheet(title)
        for ref, value in cells.items():
            sheet[ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def make_odf(kind: str, body: str) -> bytes:
    """An ODF package: ``mimetype`` first and stored, then ``content.xml``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kind}")
        zf.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
                                   f"<office:body>{body}</office:body></office:document-content>",
                    compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()


def attach(portal, name: str, data: bytes | str, record: str = HEARING, **extra) -> str:
    """Write ``attachments/<name>`` and link it from ``record``'s materials; the finding's file name."""
    rel = f"attachments/{name}"
    portal.write(rel, data)
    portal.edit_yaml(record, lambda d: d.setdefault("materials", []).append(
        {"file": rel, "title": {"kk": "Құжат", "ru": "Документ"}, **extra}))
    return portal.file(rel)


def failing(portal, rule: str, lang: str = "en") -> list[dict]:
    code, report = portal.check("--lang", lang)
    assert code == 1, report.brief()
    return report.of(rule)


# --- personal data inside documents ------------------------------------------------------------------------------

def test_an_iin_on_page_2_of_a_pdf_is_reported_with_the_page(portal):
    file = attach(portal, "2025/spisok.pdf", minimal_pdf("List of participants", f"Ivanov A., IIN {IIN}"))
    [found] = failing(portal, "privacy.attachment")
    assert (found["file"], found["kind"], found["severity"], found["line"]) == (file, "safety", "E", None)
    assert "page 2" in found["message"] and IIN not in found["message"]
    assert found["params"]["kind"] == "iin"


def test_the_page_is_named_in_kazakh_and_russian(portal):
    attach(portal, "spisok.pdf", minimal_pdf("x", "y", f"IIN {IIN}"))
    assert "3-бетте" in failing(portal, "privacy.attachment", "kk")[0]["message"]
    assert "на странице 3" in failing(portal, "privacy.attachment", "ru")[0]["message"]


def test_a_phone_in_a_docx_paragraph_table_and_header_is_reported(portal):
    data = make_docx("Хаттама", "Байланыс: " + PHONE, table=[["Аты", "ЖСН"], ["Иванов", IIN]],
                     header="Хатшы: +7 777 765 43 21")
    attach(portal, "hattama.docx", data)
    found = failing(portal, "privacy.attachment")
    # body paragraphs 1-2, the table's four cells 3-6, then the header
    where = {f["params"]["kind"] + " " + re.search(r"paragraph \d+", f["message"]).group(0) for f in found}
    assert where == {"phone paragraph 2", "iin paragraph 6", "phone paragraph 7"}


def test_an_iin_in_an_xlsx_cell_is_reported_with_sheet_and_cell(portal):
    attach(portal, "tizim.xlsx", make_xlsx({"Тізім": {"A1": "Аты", "C5": int(IIN)}, "Бос": {"A1": "—"}}))
    [found] = failing(portal, "privacy.attachment")
    assert "sheet 'Тізім', cell C5" in found["message"]


def test_a_phone_in_an_odt_paragraph_is_reported(portal):
    body = ("<office:text><text:h>Хаттама</text:h><text:p>Кіріспе</text:p>"
            f"<text:p>Тел.:<text:s/>{PHONE}</text:p></office:text>")
    attach(portal, "hattama.odt", make_odf("text", body))
    [found] = failing(portal, "privacy.attachment")
    assert "paragraph 3" in found["message"]


def test_an_iin_in_an_ods_cell_is_reported_with_sheet_and_cell(portal):
    body = ('<office:spreadsheet><table:table table:name="Лист1">'
            '<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>'
            '<table:table-row><table:table-cell table:number-columns-repeated="2"/>'
            f'<table:table-cell><text:p>{IIN}</text:p></table:table-cell></table:table-row>'
            "</table:table></office:spreadsheet>")
    attach(portal, "tizim.ods", make_odf("spreadsheet", body))
    [found] = failing(portal, "privacy.attachment")
    assert "sheet 'Лист1', cell C4" in found["message"]


@pytest.mark.parametrize("name", ["tizim.txt", "tizim.csv"])
def test_personal_data_in_text_and_csv_is_reported_with_the_line(portal, name):
    attach(portal, name, f"аты;телефон\nАсқар;8 701 000 00 00\nИванов;{PHONE}\n")
    found = failing(portal, "privacy.attachment")
    assert sorted(f["message"].split(")", 1)[1][:12] for f in found) == [" on line 2; ", " on line 3; "]


def test_consent_in_the_linking_record_allows_the_contact(portal):
    attach(portal, "hattama.docx", make_docx("Байланыс: " + PHONE))
    portal.edit_yaml(HEARING, lambda d: d.update(published_with_consent=[PHONE]))
    code, report = portal.check()
    assert (code, report.of("privacy.attachment")) == (0, [])


def test_the_councils_official_phone_is_allowed_in_documents(portal):
    attach(portal, "hattama.docx", make_docx("Байланыс: " + PHONE))
    portal.edit_yaml("council.yml", lambda d: d.setdefault("contacts", {}).update(phone=PHONE))
    code, report = portal.check()
    assert (code, report.of("privacy.attachment")) == (0, [])


def test_many_hits_in_one_file_are_summed_up(portal):
    rows = "\n".join(f"+7 701 {i:03d} 45 67" for i in range(100, 130))
    attach(portal, "list.txt", rows)
    found = failing(portal, "privacy.attachment")
    assert len(found) == 21 and "10 more" in found[-1]["message"]


def test_a_clean_document_of_every_readable_type_passes(portal):
    attach(portal, "a.pdf", minimal_pdf("Budget 2026: 1 250 000 tenge, BIN 123456789012"))
    attach(portal, "b.docx", make_docx("Protocol No. 12 of 2025-03-27", table=[["for", "9"]]))
    attach(portal, "c.xlsx", make_xlsx({"S": {"A1": 2025, "B2": "3.5"}}))
    attach(portal, "d.odt", make_odf("text", "<office:text><text:p>Жоба</text:p></office:text>"))
    attach(portal, "e.csv", "year;amount\n2025;1000\n")
    code, report = portal.check()
    assert (code, report.findings) == (0, [])


# --- files that cannot be read are findings, never tracebacks -----------------------------------------------------

def test_a_broken_pdf_is_a_clear_finding(portal):
    attach(portal, "broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage")
    [found] = failing(portal, "privacy.attachment")
    assert "cannot be read" in found["message"]


def test_an_encrypted_pdf_is_a_clear_finding(portal):
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(minimal_pdf(f"IIN {IIN}"))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    attach(portal, "locked.pdf", buffer.getvalue())
    [found] = failing(portal, "privacy.attachment")
    assert "password-protected" in found["message"]


def test_a_pdf_with_more_pages_than_the_limit_is_reported(portal):
    portal.config(lambda d: d.update(attachments={"scan_max_pages": 2}))
    attach(portal, "long.pdf", minimal_pdf("a", "b", "c"))
    [found] = failing(portal, "privacy.attachment")
    assert "3 pages" in found["message"] and "scan_max_pages" in found["message"]


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked(portal):
    portal.config(lambda d: d.update(attachments={"scan_max_mb": 1}))
    buffer = io.BytesIO(make_docx("x"))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/bomb.xml", b"<a>" + b" " * (40 * 2**20) + b"</a>")
    data = buffer.getvalue()
    assert len(data) < 2**20
    attach(portal, "bomb.docx", data)
    [found] = failing(portal, "privacy.attachment")
    assert "larger than 1 MB" in found["message"]


def test_a_text_file_beyond_the_size_limit_is_reported(portal):
    portal.config(lambda d: d.update(attachments={"scan_max_mb": 1}))
    attach(portal, "big.txt", "а" * (2**20))
    [found] = failing(portal, "privacy.attachment")
    assert "scan_max_mb" in found["message"]


# --- the allow-list, content sniffing and names ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["page.html", "logo.svg", "notes.md", "app.js", "x.pdf.htm", "run.exe"])
def test_types_a_browser_runs_are_refused(portal, name):
    file = attach(portal, name, "<html><body onload=alert(1)></body></html>")
    found = failing(portal, "safety.attachment")
    assert [(f["file"], f["params"]["ext"]) for f in found] == [(file, name.rsplit(".", 1)[1])]
    assert "never published" in found[0]["message"]


def test_refused_types_cannot_be_allowed_in_site_config(portal):
    portal.config(lambda d: d.update(attachments={"allowed": ["pdf", "html", "svg", "exe", "xyz"]}))
    found = failing(portal, "data.config")
    assert [(f["field"], f["params"]["ext"]) for f in found] == [
        ("attachments.allowed[2]", "html"), ("attachments.allowed[3]", "svg"), ("attachments.allowed[4]", "exe"),
        ("attachments.allowed[5]", "xyz")]
    assert found[0]["line"] is not None
    assert "cannot be allowed" in found[0]["message"] and "not a file type" in found[3]["message"]


@pytest.mark.parametrize(("name", "data"), [
    ("report.pdf", b"<html><script>alert(1)</script></html>"),
    ("photo.png", b"GIF89a not a png"),
    ("photo.jpg", b"%PDF-1.4"),
    ("anim.webp", b"RIFF\x00\x00\x00\x00WAVE"),
    ("doc.docx", b"PK\x03\x04 not really a zip"),
    ("sheet.xlsx", None),  # a real zip, but a DOCX inside
    ("text.odt", None),    # a real ODF spreadsheet named .odt
])
def test_content_that_does_not_match_the_extension_is_refused(portal, name, data):
    if name == "sheet.xlsx":
        data = make_docx("x")
    if name == "text.odt":
        data = make_odf("spreadsheet", "")
    file = attach(portal, name, data, alt={"kk": "Сурет", "ru": "Изображение"})
    found = failing(portal, "safety.attachment")
    assert [(f["file"], f["message"].split(" (")[0]) for f in found] == [
        (file, f"the content of the file is not a .{name.rsplit('.', 1)[1]} file")]


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "a\n<SVG onload=x>", "<!DOCTYPE html>", "<html>"])
def test_a_text_file_with_page_markup_is_refused(portal, text):
    attach(portal, "notes.txt", "Хаттама\n" + text)
    [found] = failing(portal, "safety.attachment")
    assert "markup" in found["message"]


def test_a_text_file_that_is_not_utf8_is_refused(portal):
    attach(portal, "notes.csv", "Хаттама;2025\n".encode("cp1251"))
    [found] = failing(portal, "safety.attachment")
    assert "UTF-8" in found["message"]


@pytest.mark.parametrize("name", ["a b.pdf", "x\"y.pdf", "a<b>.pdf", "sub dir/a.pdf", "ok..pdf", "'q'.pdf",
                                  "tab\tname.pdf", " lead.pdf", "й.pdf".replace("й", "и\u0306")])
def test_unsafe_names_are_refused_with_a_suggestion(portal, name):
    attach(portal, name, DRAFT_PDF)
    [found] = failing(portal, "safety.attachment")
    assert found["params"]["name"] == name.split("/")[0] and found["params"]["suggestion"]
    assert safe_name(found["params"]["suggestion"])


@pytest.mark.parametrize("name", ["Хаттама_2025-03.pdf", "ұсыным-Қазақ.pdf", "2026/plan.v2.pdf", "A_b-9.PDF"])
def test_safe_names_with_kazakh_and_russian_letters_pass(portal, name):
    attach(portal, name, DRAFT_PDF)
    code, report = portal.check()
    assert (code, report.findings) == (0, [])


def test_a_type_the_portal_does_not_allow_is_refused(portal):
    portal.config(lambda d: d.update(attachments={"allowed": ["pdf"]}))
    attach(portal, "photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16, alt={"kk": "Сурет", "ru": "Фото"})
    [found] = failing(portal, "safety.attachment")
    assert "not allowed on this portal" in found["message"] and "allowed: pdf" in found["message"]


def test_an_allowed_unscannable_type_is_published_unscanned(portal, tmp_path):
    portal.config(lambda d: d.update(attachments={"allowed": ["pdf", "doc"]}))
    attach(portal, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    code, report = portal.check()
    assert (code, report.findings) == (0, [])


def test_a_record_may_link_only_to_files_in_attachments(portal):
    portal.write("photo.pdf", DRAFT_PDF)
    portal.edit_yaml(HEARING, lambda d: d["materials"].append(
        {"file": "photo.pdf", "title": {"kk": "Құжат", "ru": "Документ"}}))
    [found] = failing(portal, "safety.attachment")
    assert found["file"] == portal.file(HEARING) and found["line"] and "attachments/" in found["message"]


# --- only linked files are published -----------------------------------------------------------------------------

def test_an_unlinked_file_is_reported(portal):
    portal.write("attachments/draft-v2.pdf", DRAFT_PDF)
    [found] = failing(portal, "safety.attachment")
    assert found["file"] == portal.file("attachments/draft-v2.pdf") and "no record links" in found["message"]


def test_the_build_publishes_exactly_the_linked_files(portal, tmp_path):
    attach(portal, "2025/Хаттама.pdf", minimal_pdf("Protocol"))
    portal.edit_yaml("members.yml", lambda d: d.setdefault("members", [{}])[0].update(
        photo={"file": "./attachments/photos/m.png", "alt": {"kk": "Сурет", "ru": "Фото"}},
        consent={**d["members"][0].get("consent", {}), "photo": True}))
    portal.write("attachments/photos/m.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    out = tmp_path / "site"
    proc = build(portal.root, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    published = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                       if "/attachments/" in p.as_posix() and p.is_file())
    expected = ["councils/council-001/attachments/2025/Хаттама.pdf", "councils/council-001/attachments/draft.pdf",
                "councils/council-001/attachments/photos/m.png"]
    assert published == [f"{lang}/{rel}" for lang in ("kk", "ru") for rel in expected]


def test_the_build_stops_on_an_unlinked_html_file(portal, tmp_path):
    portal.write("attachments/phish.html", "<script>alert(1)</script>")
    out = tmp_path / "site"
    proc = build(portal.root, out, "--lang", "en")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "[safety.attachment]" in proc.stderr and not out.exists()


# --- the sample portal and the reference -------------------------------------------------------------------------

def test_the_default_allow_list_is_known_and_scannable_or_an_image():
    assert set(DEFAULT_ALLOWED) <= set(KNOWN)
    assert all(KNOWN[ext].reader or KNOWN[ext].image for ext in DEFAULT_ALLOWED)
    assert not set(KNOWN) & REFUSED


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_attachments_example_in_the_reference_passes_the_check(portal, lang):
    page = (REPO / "content" / lang / "reference" / "site-config.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml[^\n]*\n(.*?)```", page, re.S) if b.startswith("attachments:")]
    assert blocks, "the reference shows an attachments: example"
    for block in blocks:
        settings = yaml.safe_load(block)["attachments"]
        portal.config(lambda d, s=settings: d.update(attachments=s))
        code, report = portal.check()
        assert (code, report.findings) == (0, []), block


def test_documented_scan_types_match_the_code():
    page = (REPO / "content" / "ru" / "reference" / "index.md").read_text(encoding="utf-8")
    for ext in DEFAULT_ALLOWED:
        assert f"`{ext}`" in page, ext
