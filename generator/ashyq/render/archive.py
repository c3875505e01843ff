"""The open data's ZIP (``data/ashyq-data.zip``): every data file in name order, with a fixed time, so that
two builds give the same bytes.

Deflating every file again was most of a warm build's data step at national size (5.1 of 7.4 s, 327 MB).
A council's document a warm build brought over unchanged from the previous site (:mod:`.datawrite`) was
deflated by the build that wrote it, so its entry is copied from the previous archive as it is, compressed,
where its name, size and CRC agree. :mod:`zipfile` cannot add compressed bytes as they are, so the archive
is written here, entry by entry as ``zipfile`` writes them (APPNOTE 6.3: a local header and the data,
then the central directory and its end record; no ZIP64, which a portal's data never needs): a cold build's
archive is byte for byte what ``zipfile`` makes of the same files (tested).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Collection
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

LEVEL = 6  # deflate level: zlib's default; level 1 was 2.4 s faster at national size and the archive 43 % larger
VERSION = 20  # "needed to extract" and "made by": 2.0, deflate
UNIX = 3  # "made by" system: the permissions below are Unix ones
ATTRIBUTES = 0o100644 << 16  # a regular file, rw-r--r--
DOS_TIME, DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00:00, the earliest a ZIP can say
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_LIMIT = 0xFFFFFFFF  # past this a file or an offset would need ZIP64


@dataclass(frozen=True)
class _Entry:
    crc: int
    size: int  # uncompressed
    compressed: int
    data: int  # offset of the compressed bytes in the archive


def _deflate(data: bytes) -> bytes:
    squeeze = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)  # raw deflate, as zipfile writes it
    return squeeze.compress(data) + squeeze.flush()


def _previous(path: Path | None) -> dict[str, _Entry]:
    """The entries of an earlier archive (one this module wrote: no extra fields), by name; none if unreadable."""
    if path is None or path.is_symlink() or not path.is_file():
        return {}
    try:
        with zipfile.ZipFile(path) as archive, path.open("rb") as raw:
            found = {}
            for info in archive.infolist():
                if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
                    continue
                raw.seek(info.header_offset)
                head = _LOCAL.unpack(raw.read(_LOCAL.size))
                found[info.filename] = _Entry(info.CRC, info.file_size, info.compress_size,
                                              info.header_offset + _LOCAL.size + head[10] + head[11])
            return found
    except (OSError, zipfile.BadZipFile, struct.error, ValueError):
        return {}


def write_archive(path: Path, folder: Path, names: list[str], previous: Path | None = None,
                  unchanged: Collection[str] = frozenset()) -> None:
    """Write ``path``: the files ``names`` (relative to ``folder``) in that order. Of the names in ``unchanged``
    (files brought over from the site ``previous`` belongs to), the compressed bytes ``previous`` holds are
    copied where its entry's size and CRC agree with the file's."""
    if len(names) > 0xFFFF:
        raise OSError(f"{path.name}: too many files for a ZIP without ZIP64")
    old = _previous(previous) if unchanged else {}
    central: list[bytes] = []
    with ExitStack() as stack:
        out = stack.enter_context(path.open("wb"))
        src = stack.enter_context(previous.open("rb")) if old and previous is not None else None
        for name in names:
            data = (folder / name).read_bytes()
            crc = zlib.crc32(data)
            entry = old.get(name) if name in unchanged else None
            if src is not None and entry is not None and entry.size == len(data) and entry.crc == crc:
                src.seek(entry.data)
                packed = src.read(entry.compressed)
            else:
                packed = _deflate(data)
            offset = out.tell()
            encoded = name.encode("utf-8")
            flags = 0 if encoded.isascii() else 0x800  # UTF-8 names, as zipfile marks them
            if max(offset, len(data), len(packed)) > _LIMIT:
                raise OSError(f"{name}: too large for a ZIP without ZIP64")
            out.write(_LOCAL.pack(b"PK\x03\x04", VERSION, 0, flags, zipfile.ZIP_DEFLATED, DOS_TIME, DOS_DATE,
                                  crc, len(packed), len(data), len(encoded), 0) + encoded)
            out.write(packed)
            central.append(_CENTRAL.pack(b"PK\x01\x02", VERSION, UNIX, VERSION, 0, flags, zipfile.ZIP_DEFLATED,
                                         DOS_TIME, DOS_DATE, crc, len(packed), len(data), len(encoded), 0, 0, 0,
                                         0, ATTRIBUTES, offset) + encoded)
        start = out.tell()
        for record in central:
            out.write(record)
        out.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - start, start, 0))
