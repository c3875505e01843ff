"""Read the text of an attached document, in pieces that say where each piece stands.

The privacy scan reads what a reader could read: PDF pages (``pypdf``),
Word paragraphs with tables, text boxes, headers, footers and comments
(``python-docx``), spreadsheet cells (``openpyxl`` in read-only mode),
OpenDocument text and spreadsheets, plain text and CSV.

OpenDocument files are read with the standard library (``zipfile`` and
``xml.etree``): ``content.xml`` is the whole text of the document and is
documented in the ODF standard, and the one library for it, odfpy, adds a
full object model we would not use and is rarely released.

Every reader is bounded: the file size and the uncompressed size of the XML
parts read are limited by ``attachments.scan_max_mb`` (a zip bomb stops
there), PDF pages by ``attachments.scan_max_pages``. A file that cannot be
read (broken, encrypted, too large) raises :class:`Unreadable`, which the
rule reports; nothing here raises anything else.
"""

from __future__ import annotations

import logging
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ..filetypes import Mismatch


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pages: int


@dataclass(frozen=True)
class Piece:
    """A piece of a document's text and where it stands in the document."""

    unit: str  # "page" | "paragraph" | "cell" | "line" (a whole text file: lines are counted in it)
    text: str
    n: int = 0  # page or paragraph number, 1-based
    sheet: str = ""
    cell: str = ""


class Unreadable(Mismatch):
    """The document's text cannot be read; ``key`` names the message."""


def pieces(path: Path, reader: str, limits: Limits) -> list[Piece]:
    """The text of the document at ``path`` read by ``reader``; raises :class:`Unreadable`."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise Unreadable("attachments.too-large-to-scan", limit=limits.max_bytes // 2**20)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # parsers warn about sloppy files; only what we report matters
            return list(_READERS[reader](path, limits))
    except Unreadable:
        raise
    except MemoryError:
        raise Unreadable("attachments.too-large-to-scan", limit=limits.max_bytes // 2**20) from None
    except Exception as exc:  # noqa: BLE001 - a crafted file may break a parser in any way; report, never crash
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:160]
        raise Unreadable("attachments.unreadable", detail=detail) from None


# --- PDF ---------------------------------------------------------------------------------------

def _pdf(path: Path, limits: Limits) -> Iterator[Piece]:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy files are not the user's business
    reader = pypdf.PdfReader(path)
    if reader.is_encrypted:
        try:
            # A PDF protected only against editing opens with an empty password and its text is readable.
            opened = reader.decrypt("")
        except (DependencyError, FileNotDecryptedError, NotImplementedError):
            opened = 0
        if not opened:
            raise Unreadable("attachments.encrypted")
    count = len(reader.pages)
    if count > limits.max_pages:
        raise Unreadable("attachments.too-many-pages", pages=count, limit=limits.max_pages)
    for i, page in enumerate(reader.pages):
        yield Piece("page", page.extract_text() or "", n=i + 1)


# --- zip-based formats ------------------------------------------------------------------------

def _check_zip(path: Path, limits: Limits, parts: tuple[str, ...] = ()) -> None:
    """Refuse a zip whose parts unpack beyond the limit (a zip bomb) before any parser opens it."""
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    total = sum(i.file_size for i in infos if not parts or i.filename.startswith(parts))
    if total > limits.max_bytes * 4 or any(i.file_size > limits.max_bytes for i in infos
                                           if i.filename.endswith((".xml", ".rels"))):
        raise Unreadable("attachments.too-large-to-scan", limit=limits.max_bytes // 2**20)


def _docx(path: Path, limits: Limits) -> Iterator[Piece]:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    _check_zip(path, limits)
    document = docx.Document(str(path))
    n = 0
    # Body paragraphs in reading order, tables and text boxes included; then headers, footers, comments.
    containers = [(document.element.body, document.part)]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                     section.even_page_header, section.even_page_footer):
            if not part.is_linked_to_previous:
                containers.append((part._element, part.part))
    for element, part in containers:
        for p in element.iter(qn("w:p")):
            n += 1
            yield Piece("paragraph", Paragraph(p, part).text, n=n)
    for comment in document.comments:
        for paragraph in comment.paragraphs:
            n += 1
            yield Piece("paragraph", paragraph.text, n=n)


def _xlsx(path: Path, limits: Limits) -> Iterator[Piece]:
    import openpyxl

    _check_zip(path, limits)
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None or isinstance(value, bool):
                        continue
                    yield Piece("cell", str(value), sheet=sheet.title, cell=cell.coordinate)
    finally:
        book.close()


# --- OpenDocument -------------------------------------------------------------------------------

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_PARA = {f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"}
# Elements that stand for white space in ODF text.
_SPACES = {f"{{{_TEXT}}}s": " ", f"{{{_TEXT}}}tab": "\t", f"{{{_TEXT}}}line-break": "\n"}


def _odf_text(element: ElementTree.Element) -> str:
    out = [element.text or ""]
    for child in element:
        if child.tag in _SPACES:
            count = int(child.get(f"{{{_TEXT}}}c", "1") or 1) if child.tag == f"{{{_TEXT}}}s" else 1
            out.append(_SPACES[child.tag] * min(count, 100))
        elif child.tag not in _PARA:  # a nested paragraph (a note) is a piece of its own
            out.append(_odf_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _column(index: int) -> str:
    """0 -> A, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _odt(path: Path, limits: Limits) -> Iterator[Piece]:
    return _odf(path, limits, cells=False)


def _ods(path: Path, limits: Limits) -> Iterator[Piece]:
    return _odf(path, limits, cells=True)


def _odf(path: Path, limits: Limits, cells: bool) -> Iterator[Piece]:
    _check_zip(path, limits, ("content.xml",))
    with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
        sheet, row, col, n = "", 0, 0, 0
        in_cell = False
        for event, elem in ElementTree.iterparse(fh, events=("start", "end")):
            tag = elem.tag
            if tag == f"{{{_TABLE}}}table" and event == "start":
                sheet, row = elem.get(f"{{{_TABLE}}}name", ""), 0
            elif tag == f"{{{_TABLE}}}table-row":
                if event == "start":
                    col = 0
                else:
                    row += int(elem.get(f"{{{_TABLE}}}number-rows-repeated", "1") or 1)
                    elem.clear()
            elif tag in (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"):
                if event == "start":
                    in_cell = True
                else:
                    in_cell = False
                    col += int(elem.get(f"{{{_TABLE}}}number-columns-repeated", "1") or 1)
            elif tag in _PARA and event == "end":
                text = _odf_text(elem)
                if in_cell and cells:
                    yield Piece("cell", text, sheet=sheet, cell=f"{_column(col)}{row + 1}")
                else:
                    n += 1
                    yield Piece("paragraph", text, n=n)


# --- plain text ---------------------------------------------------------------------------------

def _text(path: Path, limits: Limits) -> Iterator[Piece]:
    yield Piece("line", path.read_bytes().decode("utf-8-sig", errors="replace"))


_READERS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "odt": _odt, "ods": _ods, "text": _text}
