"""The sample portal built with a small search shard budget (``ASHYQ_SEARCH_SHARD_PAGES``), so that each
edition is split into several shards, as a national portal is: for the index's tests and the search box's."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ashyq.write.search import plan_shards
from buildkit import REPO, Site, build_ok

SHARD_PAGES = 30
WORD = re.compile(r"[^\W\d_]{6,}")


def build_sharded(out: Path) -> Site:
    """The sample portal built into ``out`` in shards of at most :data:`SHARD_PAGES` pages."""
    old = os.environ.get("ASHYQ_SEARCH_SHARD_PAGES")
    os.environ["ASHYQ_SEARCH_SHARD_PAGES"] = str(SHARD_PAGES)
    try:
        proc = build_ok(REPO, out)
    finally:
        if old is None:
            os.environ.pop("ASHYQ_SEARCH_SHARD_PAGES")
        else:
            os.environ["ASHYQ_SEARCH_SHARD_PAGES"] = old
    return Site(REPO, out, proc.stdout)


def manifest(site: Site) -> dict:
    return json.loads((site.out / "pagefind" / "shards.json").read_text(encoding="utf-8"))


def shard_of(site: Site, lang: str) -> dict[str, str]:
    """council slug -> the shard that indexes it."""
    found = {}
    for shard in plan_shards(site.out, [lang], SHARD_PAGES):
        for pattern in shard.patterns:
            parts = pattern.split("/")
            if len(parts) > 3 and parts[1] == "councils":
                found[parts[2]] = shard.name
    return found
