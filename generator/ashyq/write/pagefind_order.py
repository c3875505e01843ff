"""Pagefind's bundle made reproducible and small before it is written: filters in a fixed order, short names.

Pagefind (1.5) writes the values of each filter, and the filters listed in
its meta file, in hash-map order: two runs over the same pages give files
with other contents and other names (upstream issue #638). The files are
gzip-compressed ``pagefind_dcd`` + CBOR; this module decodes each filter
file, sorts its values, stores it under a name made from its new
content, gives the pages the short names of :mod:`.pagefind_ids`, and points
the meta file (itself rewritten and renamed) and ``pagefind-entry.json`` at
the new names. The search box reads them by these names only, so nothing
else changes. It works on the bundle in memory, as Pagefind's service hands
it over (:mod:`.pagefind_service`), before a file is written.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from typing import Any

import cbor2

from .pagefind_ids import short_names

MAGIC = b"pagefind_dcd"
META_FILTERS = 3  # the meta's list of [filter name, file hash]
ENTRY = "pagefind-entry.json"


def _read(bundle: dict[str, bytes], name: str) -> Any:
    raw = gzip.decompress(bundle.pop(name))
    if not raw.startswith(MAGIC):
        raise ValueError(f"{name}: not a Pagefind index file")
    return cbor2.loads(raw[len(MAGIC):])


def _store(bundle: dict[str, bytes], data: Any, prefix: str, digits: int, name: str) -> str:
    """Put ``data`` in the bundle named ``name`` filled with ``<prefix>_<hash>``; returns that hash name."""
    blob = gzip.compress(MAGIC + cbor2.dumps(data, canonical=True), mtime=0)
    stem = f"{prefix}_{hashlib.sha256(blob).hexdigest()[:digits]}"
    bundle[name.format(stem)] = blob
    return stem


def settle(bundle: dict[str, bytes], shard: str) -> None:
    """Sort the filter indexes of the bundle of the shard named ``shard``, shorten its pages' names, and
    rename what that changes. A bundle without an entry file (nothing indexed) is left as it is."""
    if ENTRY not in bundle:
        return
    entry = json.loads(bundle[ENTRY])
    for info in entry.get("languages", {}).values():
        meta = _read(bundle, f"pagefind.{info['hash']}.pf_meta")
        filters = []
        for name, stem in meta[META_FILTERS]:
            data = _read(bundle, f"filter/{stem}.pf_filter")
            data[1] = sorted(data[1], key=lambda value: str(value[0]))
            filters.append([name, _store(bundle, data, stem.rsplit("_", 1)[0], 7, "filter/{}.pf_filter")])
        meta[META_FILTERS] = sorted(filters, key=lambda f: str(f[0]))
        short_names(bundle, meta, shard)
        info["hash"] = _store(bundle, meta, info["hash"].rsplit("_", 1)[0], 10, "pagefind.{}.pf_meta")
    bundle[ENTRY] = json.dumps(entry, sort_keys=True, separators=(",", ":")).encode("utf-8")
