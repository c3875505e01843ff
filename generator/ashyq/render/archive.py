"""The open data's ZIP (``data/ashyq-data.zip``): every data file in name order, with a fixed time, so that
two builds give the same bytes.

Deflating every file again was most of a warm build's data step at national size (5.1 of 7.4 s, 327 MB).
A council's document a warm build brought over unchanged from the previous site (:mod:`.datawrite`) was
deflated by the build that wrote it, so its entry is copied from the previous archive as it is, compressed,
where its name, size and CRC agree. :mod:`zipfile` cannot add compressed bytes as they are, so the archive
is written here, entry by entry as ``zipfile`` writes them (APPNOTE 6.3: a local header and the data,
then the central directory and its end record; no ZIP64, which a portal's data never needs): an archive of
files deflated whole is byte for byte what ``zipfile`` makes of them (tested).

The portal-wide files (a JSON list per type, the CSV tables) are rewritten by every build, one council's
part after another, and deflating them whole took 3-4 s of a warm national build. They are deflated a group
of councils at a time instead (:class:`Packed`): each group's bytes on their own, ended by a full flush on a
byte boundary, so that the segments joined and closed by an empty final block are one deflate stream (as
``pigz`` joins its blocks), and a group whose bytes did not change keeps the segment an earlier build made
(:mod:`.datawrite`). Where a segment begins follows from the files alone, so a cold and a warm build write
the same bytes.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
import os
from collections.abc import Collection, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from .unchanged import Stream

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


def segment(data: bytes) -> bytes:
    """``data`` deflated on its own and not closed: a full flush ends it on a byte boundary with nothing
    owed to what follows, so segments joined and closed by :data:`CLOSE` are one deflate stream."""
    squeeze = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return squeeze.compress(data) + squeeze.flush(zlib.Z_FULL_FLUSH)


CLOSE = b"\x03\x00"  # an empty final block (fixed Huffman codes): what zlib ends an empty stream with

_GLUE = 1 << 20  # glue between parts gathered up to this size into one segment


class Packed:
    """A data file written piece by piece, its archive entry made as it is written: its CRC, its size and
    its deflated segments. A part (:meth:`part`) is a segment of its own; the bytes between parts (:meth:`glue`:
    a file's head, the commas between parts, the portal's own items) are gathered into one."""

    def __init__(self, path: str):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self._out = Stream(path)  # the live site's file where the bytes come out the same
        self.crc = self.size = 0
        self.segments: list[bytes] = []
        self._glue: list[bytes] = []
        self._glued = 0

    def glue(self, data: bytes) -> None:
        self._glue.append(data)
        self._glued += len(data)
        if self._glued >= _GLUE:
            self._seal()

    def part(self, data: bytes, packed: bytes) -> None:
        """``data`` and its :func:`segment`, as a segment of its own."""
        self._seal()
        self._put(data, packed)

    def close(self) -> Packed:
        self._seal()
        self._out.close()
        return self

    def __enter__(self) -> Packed:
        return self

    def __exit__(self, *exc: object) -> None:
        self._out.release()  # closed already, or the step failed: what is gathered is of no use

    def _seal(self) -> None:
        if self._glued:
            data = b"".join(self._glue)
            self._put(data, segment(data))
        self._glue.clear()
        self._glued = 0

    def _put(self, data: bytes, packed: bytes) -> None:
        if data:
            self._out.write(data)
            self.crc = zlib.crc32(data, self.crc)
            self.size += len(data)
            self.segments.append(packed)


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
                  unchanged: Collection[str] = frozenset(), packed: Mapping[str, Packed] | None = None) -> None:
    """Write ``path``: the files ``names`` (relative to ``folder``) in that order. Of the names in ``unchanged``
    (files brought over from the site ``previous`` belongs to), the compressed bytes ``previous`` holds are
    copied where its entry's size and CRC agree with the file's; the files in ``packed`` are not read again:
    their segments are joined."""
    packed = packed or {}
    if len(names) > 0xFFFF:
        raise OSError(f"{path.name}: too many files for a ZIP without ZIP64")
    old = _previous(previous) if unchanged else {}
    central: list[bytes] = []
    with ExitStack() as stack:
        os.makedirs(path.parent, exist_ok=True)
        out = stack.enter_context(Stream(os.fspath(path)))
        src = stack.enter_context(previous.open("rb")) if old and previous is not None else None
        for name in names:
            if name in packed:
                made = packed[name]
                crc, size, chunks = made.crc, made.size, [*made.segments, CLOSE]
            else:
                data = (folder / name).read_bytes()
                crc, size = zlib.crc32(data), len(data)
                entry = old.get(name) if name in unchanged else None
                if src is not None and entry is not None and entry.size == size and entry.crc == crc:
                    src.seek(entry.data)
                    chunks = [src.read(entry.compressed)]
                else:
                    chunks = [_deflate(data)]
            compressed = sum(map(len, chunks))
            offset = out.tell()
            encoded = name.encode("utf-8")
            flags = 0 if encoded.isascii() else 0x800  # UTF-8 names, as zipfile marks them
            if max(offset, size, compressed) > _LIMIT:
                raise OSError(f"{name}: too large for a ZIP without ZIP64")
            out.write(_LOCAL.pack(b"PK\x03\x04", VERSION, 0, flags, zipfile.ZIP_DEFLATED, DOS_TIME, DOS_DATE,
                                  crc, compressed, size, len(encoded), 0) + encoded)
            out.writelines(chunks)
            central.append(_CENTRAL.pack(b"PK\x01\x02", VERSION, UNIX, VERSION, 0, flags, zipfile.ZIP_DEFLATED,
                                         DOS_TIME, DOS_DATE, crc, compressed, size, len(encoded), 0, 0, 0,
                                         0, ATTRIBUTES, offset) + encoded)
        start = out.tell()
        for record in central:
            out.write(record)
        out.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - start, start, 0))
        out.close()
