"""The short names of the search shards' pages (``write/pagefind_ids.py``): what every search of a whole
edition downloads first is each shard's list of them."""

from __future__ import annotations

import gzip
import json
import re

import cbor2
from hypothesis import given
from hypothesis import strategies as st

from ashyq.write.pagefind_ids import count, prefix, short_names
from buildkit import LANGS, Site
from shardkit import manifest

NAME = re.compile(r"^(\d+)([a-z]{3})([0-9a-z]+)$")  # shard number, salt, the page's count


def _meta(shard) -> list:
    entry = json.loads((shard / "pagefind-entry.json").read_text(encoding="utf-8"))
    (info,) = entry["languages"].values()
    raw = gzip.decompress((shard / f"pagefind.{info['hash']}.pf_meta").read_bytes())
    assert raw.startswith(b"pagefind_dcd")
    return cbor2.loads(raw[len(b"pagefind_dcd"):])


def test_each_shards_pages_are_named_by_its_number_a_salt_and_a_count(sharded: Site):
    for lang in LANGS:
        seen: set[str] = set()
        for number, name in enumerate(manifest(sharded)[lang], 1):
            shard = sharded.out / "pagefind" / name
            pages = [page[0] for page in _meta(shard)[1]]
            matches = [NAME.match(page) for page in pages]
            assert pages and all(matches), pages[:5]
            assert {m.group(1) for m in matches} == {str(number)}, name  # "kk" is 1, "kk-2" 2, …
            assert len({m.group(2) for m in matches}) == 1, name
            # every name has its fragment, and no fragment is left under another name
            assert {p.name for p in (shard / "fragment").iterdir()} == {f"{page}.pf_fragment" for page in pages}
            assert not seen & set(pages), name  # the search box merges an edition's shards: no name twice
            seen |= set(pages)


@given(st.integers(min_value=0, max_value=10**7))
def test_a_count_is_its_number_in_base_36_last_digit_first(n: int):
    assert int(count(n)[::-1], 36) == n
    assert count(n) == "0" or not count(n).endswith("0")  # no leading zero: one name for one number


def _bundle(hashes: list[str]) -> tuple[dict[str, bytes], list]:
    meta = ["1.5.2", [[h, 10 + i] for i, h in enumerate(hashes)], [], [], []]
    return {f"fragment/{h}.pf_fragment": h.encode() for h in hashes}, meta


def test_pages_are_counted_in_order_and_identical_pages_share_their_name():
    bundle, meta = _bundle(["kk_aaaaaaa", "kk_bbbbbbb", "kk_aaaaaaa", "kk_ccccccc"])
    short_names(bundle, meta, "kk-7")
    names = [page[0] for page in meta[1]]
    start = prefix("kk-7", ["kk_aaaaaaa", "kk_bbbbbbb", "kk_aaaaaaa", "kk_ccccccc"])
    assert names == [start + "0", start + "1", start + "0", start + "2"] and start.startswith("7")
    assert [page[1] for page in meta[1]] == [10, 11, 12, 13]  # the word counts stay
    assert bundle == {f"fragment/{start}0.pf_fragment": b"kk_aaaaaaa", f"fragment/{start}1.pf_fragment": b"kk_bbbbbbb",
                      f"fragment/{start}2.pf_fragment": b"kk_ccccccc"}


def test_a_changed_page_renames_every_page_of_its_shard():
    """A browser or a proxy may hold a fragment of an earlier build: a name never stands for other content."""
    before, after = ["kk_aaaaaaa", "kk_bbbbbbb"], ["kk_aaaaaaa", "kk_bbbbbbd"]
    assert prefix("kk-2", before) != prefix("kk-2", after)
    assert prefix("kk-2", before) == prefix("kk-2", list(before))
    assert prefix("kk", before)[0] == "1" and prefix("kk-latn-3", before)[0] == "3"
    assert prefix("kk-12", before).startswith("12") and NAME.match(prefix("kk-12", before) + count(5))
