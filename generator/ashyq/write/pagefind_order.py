"""Pagefind's filter indexes in a fixed order, so the same pages give the same search files.

Pagefind (1.5) writes the values of each filter, and the filters listed in
its meta file, in hash-map order: two runs over the same pages give files
with other contents and other names (upstream issue #638). The files are
gzip-compressed ``pagefind_dcd`` + CBOR; this module decodes each filter
file, sorts its values, writes it back under a name made from its new
content, and points the meta file (itself rewritten and renamed) and
``pagefind-entry.json`` at the new names. The search box reads them by
these names only, so nothing else changes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

from ..render.files import write_file

MAGIC = b"pagefind_dcd"
META_FILTERS = 3  # the meta's list of [filter name, file hash]


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise ValueError(f"{path.name}: not a Pagefind index file")
    return cbor2.loads(raw[len(MAGIC):])


def _blob(data: Any) -> bytes:
    return gzip.compress(MAGIC + cbor2.dumps(data, canonical=True), mtime=0)


def _rename(path: Path, blob: bytes, prefix: str, digits: int, name: str) -> str:
    """Replace ``path`` by ``blob`` named ``name`` filled with ``<prefix>_<hash>``; returns that hash name."""
    stem = f"{prefix}_{hashlib.sha256(blob).hexdigest()[:digits]}"
    path.unlink()
    write_file(str(path.parent / name.format(stem)), blob)
    return stem


def stable_order(shard: Path) -> None:
    """Sort the filter indexes of one Pagefind output folder and rename what that changes."""
    entry_path = shard / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for info in entry.get("languages", {}).values():
        meta_path = shard / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, stem in meta[META_FILTERS]:
            path = shard / "filter" / f"{stem}.pf_filter"
            data = _read(path)
            data[1] = sorted(data[1], key=lambda value: str(value[0]))
            filters.append([name, _rename(path, _blob(data), stem.rsplit("_", 1)[0], 7, "{}.pf_filter")])
        meta[META_FILTERS] = sorted(filters, key=lambda f: str(f[0]))
        prefix = info["hash"].rsplit("_", 1)[0]
        info["hash"] = _rename(meta_path, _blob(meta), prefix, 10, "pagefind.{}.pf_meta")
    # Written anew, never into: a file of the new site may be a link of the live site's (render/unchanged.py).
    write_file(str(entry_path), json.dumps(entry, sort_keys=True, separators=(",", ":")).encode("utf-8"))
