"""Which files a council may attach: the type table, content sniffing and safe names.

An attachment is served from the portal's own origin, so a file a browser
would run (HTML, SVG, script, Markdown rendered by a server) could deface or
phish the whole portal. Attachments are therefore an allow-list of document
and image types, each checked by extension **and** by its first bytes, with
file names that are safe in a URL and in Markdown. This module has no
dependency inside the package: the configuration model and the rules both
read it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

@dataclass(frozen=True)
class FileType:
    ext: str
    reader: str | None  # how its text is read for the privacy scan: "pdf", "docx", "odt", "ods", "xlsx", "text";
    # None: it cannot be read as text
    image: bool = False


_TYPES = (
    FileType("pdf", "pdf"),
    FileType("docx", "docx"),
    FileType("odt", "odt"),
    FileType("xlsx", "xlsx"),
    FileType("ods", "ods"),
    FileType("txt", "text"),
    FileType("csv", "text"),
    FileType("png", None, image=True),
    FileType("jpg", None, image=True),
    FileType("jpeg", None, image=True),
    FileType("gif", None, image=True),
    FileType("webp", None, image=True),
    # Documents whose text ashyq cannot read: known, but published only if the portal allows them.
    FileType("doc", None),
    FileType("xls", None),
    FileType("ppt", None),
    FileType("pptx", None),
    FileType("odp", None),
    FileType("rtf", None),
    FileType("zip", None),
)
KNOWN: dict[str, FileType] = {t.ext: t for t in _TYPES}

#: The default allow-list: every type whose text is scanned for personal data, and images.
DEFAULT_ALLOWED: tuple[str, ...] = ("pdf", "docx", "odt", "xlsx", "ods", "txt", "csv",
                                    "png", "jpg", "jpeg", "gif", "webp")

#: Types a browser may run or render as a page: refused even when site_config.yml lists them.
REFUSED: frozenset[str] = frozenset({
    "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt",
    "js", "mjs", "cjs", "jsx", "ts", "css", "wasm", "swf", "md", "markdown", "mdown", "mkd",
    "php", "phtml", "py", "pyc", "sh", "bash", "bat", "cmd", "ps1", "vbs", "vbe", "wsf", "hta",
    "exe", "dll", "msi", "com", "scr", "jar", "apk", "bin", "so", "jsp", "asp", "aspx", "cgi", "pl", "rb",
    "appcache", "webmanifest", "htaccess",
})

#: Housekeeping files that editors and git leave in folders: never published, never reported.
HOUSEKEEPING: frozenset[str] = frozenset({
    ".gitkeep", ".keep", ".gitignore", ".gitattributes", ".DS_Store", "Thumbs.db", "desktop.ini",
})

# Latin, Kazakh and Russian letters (the Cyrillic block without its combining marks), digits, '_', '-', '.'.
_NAME_CHARS = "0-9A-Za-z\u0400-\u0482\u048a-\u04ff_\\-"
_SAFE_NAME = re.compile(f"^[{_NAME_CHARS}][{_NAME_CHARS}.]*$")
_UNSAFE_CHAR = re.compile(f"[^{_NAME_CHARS}.]")
MAX_NAME = 100


def extension(name: str) -> str:
    """The last suffix, lower case, without the dot ('' when there is none)."""
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def safe_name(name: str) -> bool:
    """A path component that needs no quoting in a URL or in Markdown and hides nothing."""
    return (len(name) <= MAX_NAME and unicodedata.is_normalized("NFC", name) and _SAFE_NAME.match(name) is not None
            and ".." not in name and not name.endswith("."))


def suggest_name(name: str) -> str:
    """A safe name close to ``name``, for the message."""
    fixed = _UNSAFE_CHAR.sub("-", unicodedata.normalize("NFC", name.strip()))
    fixed = re.sub(r"\.{2,}", ".", fixed).strip(".-") or "file"
    return fixed[:MAX_NAME]


# --- content sniffing ---------------------------------------------------------------------------

_MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "ppt": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "rtf": (b"{\\rtf",),
    "zip": (b"PK\x03\x04", b"PK\x05\x06"),
}
_OOXML_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
_ODF_MIME = {"odt": b"application/vnd.oasis.opendocument.text",
             "ods": b"application/vnd.oasis.opendocument.spreadsheet",
             "odp": b"application/vnd.oasis.opendocument.presentation"}
#: Markup a browser could render if a text file were ever served as HTML.
TEXT_MARKUP = re.compile(rb"<\s*(script|html|svg|iframe|body|!doctype)\b", re.I)


class Mismatch(Exception):
    """The file's content is not what its extension says; ``key`` names the message."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key = key
        self.params = params


def sniff(path: Path, ext: str, limit: int) -> None:
    """Check that the file at ``path`` really is of type ``ext``; raises :class:`Mismatch`.

    Text files are read up to ``limit`` bytes (a larger file is reported by the scan's own limit).
    """
    check: Callable[[Path, str, int], None] = _SNIFFERS.get(ext, _magic)
    try:
        check(path, ext, limit)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
        raise Mismatch("attachments.content-mismatch", ext=ext) from exc


def _head(path: Path, size: int = 64) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


def _magic(path: Path, ext: str, limit: int = 0, kind: str | None = None) -> None:
    if not _head(path).startswith(_MAGIC[kind or ext]):
        raise Mismatch("attachments.content-mismatch", ext=ext)


def _webp(path: Path, ext: str, limit: int = 0) -> None:
    head = _head(path, 12)
    if not (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        raise Mismatch("attachments.content-mismatch", ext=ext)


def _ooxml(path: Path, ext: str, limit: int = 0) -> None:
    _magic(path, ext, limit, kind="zip")
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
    if "[Content_Types].xml" not in names or _OOXML_PART[ext] not in names:
        raise Mismatch("attachments.content-mismatch", ext=ext)


def _odf(path: Path, ext: str, limit: int = 0) -> None:
    _magic(path, ext, limit, kind="zip")
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("mimetype")
        if info.file_size > 200 or zf.read(info).strip() != _ODF_MIME[ext]:
            raise Mismatch("attachments.content-mismatch", ext=ext)


def _text(path: Path, ext: str, limit: int = 0) -> None:
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(data[:limit], final=len(data) <= limit)
    except UnicodeDecodeError:
        raise Mismatch("attachments.text-encoding") from None
    found = TEXT_MARKUP.search(data)
    if found:
        raise Mismatch("attachments.text-markup", snippet=found.group(0).decode("ascii", "replace"))


_SNIFFERS: dict[str, Callable[[Path, str, int], None]] = {
    "webp": _webp, "docx": _ooxml, "xlsx": _ooxml, "pptx": _ooxml,
    "odt": _odf, "ods": _odf, "odp": _odf, "txt": _text, "csv": _text,
}
