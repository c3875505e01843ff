"""Short page names in a search shard's page list: what a search of a whole edition downloads first.

Pagefind names each page of an index by a hash of its fragment (``kk_`` and seven hex digits), and a
search opens every merged shard's list of those names, each with the page's word count, before it can
answer. Random digits do not compress: at 100,000 pages (32,564 indexed in an edition) the lists came
to 6.4 bytes a page, 210 KB of the 420 KB one query of the whole edition downloaded. Names in sequence
do compress; this module renames a shard's pages, and their fragment files, to

    <shard number><salt><n>

- the shard's number (``kk`` is 1, ``kk-2`` 2, ``kk-latn-3`` 3) keeps two shards of an edition apart:
  the search box merges them, and Pagefind's UI lists results by their page's name;
- the salt, three letters made from the fragments' own hashes, changes whenever a page of the shard
  changes, so a browser or a proxy that kept a fragment of an earlier build never answers for the new
  one: the names are what Pagefind's content hashes were for (its entry file is fetched afresh on every
  search, the files it names are cached). A shard indexed again writes all its fragments anew;
- ``n`` counts the shard's distinct fragments in page order, in base 36 with its last digit first
  (consecutive names then share their endings, which compresses best of the orders tried).

Only the names change: pages keep their order, and the word index, the filters and the sort orders
point at pages by their number, not their name.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

META_PAGES = 1  # the meta's list of [page name, word count]
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
LETTERS = "abcdefghijklmnopqrstuvwxyz"
_NUMBER = re.compile(r"-(\d+)$")  # "kk-2": the second shard of the Kazakh edition


def count(n: int) -> str:
    """``n`` in base 36, its last digit first: 0, 1, …, z, 01, 11, …"""
    digits = ""
    while True:
        n, digit = divmod(n, len(DIGITS))
        digits += DIGITS[digit]
        if not n:
            return digits


def prefix(shard: str, names: list[str]) -> str:
    """The shard's number and a salt of the fragments ``names`` (Pagefind's hashes, in page order)."""
    number = _NUMBER.search(shard)
    digest = hashlib.sha256("\0".join(names).encode()).digest()
    return (number.group(1) if number else "1") + "".join(LETTERS[b % len(LETTERS)] for b in digest[:3])


def short_names(bundle: dict[str, bytes], meta: list[Any], shard: str) -> None:
    """Rename the pages of a shard's decoded ``meta`` (changed in place) and their fragments in ``bundle``.

    Pages whose fragments are identical share one (Pagefind gives them one hash): they share a name too.
    """
    pages = meta[META_PAGES]
    start = prefix(shard, [page[0] for page in pages])
    names: dict[str, str] = {}
    for page in pages:
        old = page[0]
        if old not in names:
            names[old] = start + count(len(names))
            bundle[f"fragment/{names[old]}.pf_fragment"] = bundle.pop(f"fragment/{old}.pf_fragment")
        page[0] = names[old]
