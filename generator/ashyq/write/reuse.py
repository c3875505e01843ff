"""What a warm build brings over from the previous build instead of making it again, and from where.

One decision per council, made with the fingerprints (:func:`plan_reuse`), before the docs trees are
written: a council is kept when its fingerprint and, in every edition, its list of pages are what the
live site was built from (:mod:`.incremental`). The step "reuse" (:func:`reuse_councils`), once MkDocs
has written its pages and the edition's chrome is known, checks that the chrome is the live site's too
(it follows from the site's fingerprint) and brings the kept councils over. A kept council's folder in
each edition (``<lang>/councils/<slug>/``: its pages, feeds, members' feeds, calendar and attachments) comes over
whole: moved from the spare when the spare has it right (:mod:`.spare`), else linked from the live
site, file by file. The fast pages, feeds and calendars then leave the kept councils alone, and the
search step brings an unchanged shard over the same way (:func:`reuse_shard`).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from ..render import urls
from ..render.fastpages import chrome_hash, council_pages
from ..render.files import copy_attachments
from ..load.cache import code_digest
from .incremental import BuildCache, pages_made, reuse_tree
from .search import Shard, shard_councils
from .spare import adopt, take_spare

if TYPE_CHECKING:
    from .build import Build
    from .twin_shelf import TwinShelf


@functools.cache
def pagefind_version() -> str:
    """The indexer's version: a shard it made is another's only if the same version made it."""
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "?"


def _folder(site: Path, lang: str, slug: str) -> bool:
    path = site / urls.council(lang, slug)
    return path.is_dir() and not path.is_symlink()


def likely_kept(build: Build) -> frozenset[str]:
    """The councils whose inputs held since the live site was built, and whose folders it has: the ones a warm
    build keeps, known before its pages are listed, unless a council's list of pages changed all the same
    (:func:`plan_reuse` then keeps fewer). A light build's side lane starts with these (``Build.starts_early``)."""
    if build.old is None or build.engine != "fast":
        return frozenset()
    langs = build.ctx.langs
    return frozenset(slug for slug in build.cache.councils if build.previous.inputs_unchanged(build.cache, slug)
                     and all(_folder(build.old, lang, slug) for lang in langs))


def plan_reuse(build: Build) -> None:
    """Which councils a warm build keeps, decided before the docs trees are written (their attachments are
    left out of them: MkDocs would copy them into the folders about to come over): of those
    :func:`likely_kept` found, the ones whose pages in every edition are the live site's."""
    langs = list(build.pages)
    for lang, pages in build.pages.items():
        for slug, mine in council_pages(pages).items():
            build.cache.files[f"{lang}/{slug}"] = pages_made([p.dest_uri for p in mine])
    build.kept = frozenset(slug for slug in build.kept if build.previous.folder_unchanged(build.cache, langs, slug))


def reuse_councils(build: Build) -> None:
    """Bring the kept councils' folders into the new site: moved from the spare, else linked from the live
    site. Every kept council's pages had the edition's chrome they would have now, or none is kept."""
    if build.engine != "fast":
        return
    for lang, edition in build.editions.items():
        build.cache.chrome[lang] = chrome_hash(edition)
    kept = sorted(build.kept)
    if kept and any(build.previous.chrome.get(lang) != build.cache.chrome[lang] for lang in build.editions):
        others = frozenset(build.ctx.portal.councils) - build.kept
        for lang in build.editions:  # rendered after all: their attachments, left out of the docs trees, go in here
            copy_attachments(build.ctx.portal, build.site / lang, others)
        build.kept, kept = frozenset(), []
    if kept:
        build.spare = take_spare(build.out, build.staging)
    langs = list(build.editions)
    spare = build.spare  # its folders are right only if its pages had the chrome they would have now
    if spare is not None and any(spare.cache.chrome.get(lang) != build.cache.chrome[lang] for lang in langs):
        spare = None
    for slug in kept:
        moved = spare is not None and spare.cache.folder_unchanged(build.cache, langs, slug) and all(
            _folder(spare.root, lang, slug) for lang in langs)
        for lang in langs:
            rel = urls.council(lang, slug)
            if moved:
                adopt(spare.root / rel, build.site / rel)  # type: ignore[union-attr]
            elif not reuse_tree(build.old / rel, build.site / rel):
                raise OSError(f"{build.old / rel}: gone during the build")
        build.stats.reused += sum(build.cache.pages_of(lang, slug) for lang in langs)


def same_chrome(build: Build) -> list[str]:
    """The editions whose pages are worth comparing with the live site's (:mod:`ashyq.render.unchanged`): those
    whose chrome is the live site's. Where it changed, every page differs and reading the old one is waste."""
    return [lang for lang in build.editions if build.old is not None and build.cache.chrome.get(lang)
            and build.previous.chrome.get(lang) == build.cache.chrome[lang]]


def reuse_shard(build: Build, twins: TwinShelf, shard: Shard) -> bool:
    """Bring a search shard over from the spare (a rename) or the live site (links); False when it must be
    indexed. A shard is brought over when its councils all kept their fingerprints, or else when what Pagefind
    would read of its pages is what it read for the live site: a change to one language's text leaves the
    other edition's shard as it was (at national size, 1,600 pages that took Pagefind about a second)."""
    councils = shard_councils(shard)
    if councils is None:
        return False
    h = hashlib.sha256(f"{build.cache.site}\0{shard.glob}".encode())
    for slug in councils:
        h.update(build.cache.councils.get(slug, "?").encode())
    build.cache.shards[shard.name] = fingerprint = h.hexdigest()
    previous = build.previous
    if build.old is None:
        return False
    if previous.shards.get(shard.name) == fingerprint:
        for name in (f"{shard.lang}/{slug}" for slug in councils):
            if name in previous.twins:
                build.cache.twins[name] = previous.twins[name]
        if shard.name in previous.read:
            build.cache.read[shard.name] = previous.read[shard.name]
        return _bring(build, shard, lambda cache: cache.shards.get(shard.name) == fingerprint)
    if shard.name not in previous.read:
        return False
    read = build.cache.read[shard.name] = read_digest(shard, [twins.digest(build.site, shard.lang, slug)
                                                              for slug in councils])
    return previous.read[shard.name] == read and _bring(build, shard, lambda cache: cache.read.get(shard.name) == read)


def read_digest(shard: Shard, digests: list[str]) -> str:
    """What Pagefind reads to index a shard: its councils' twins (:mod:`.twin_shelf`), in order, and what
    makes the index of them: ashyq's code (the options it gives Pagefind) and Pagefind's version."""
    h = hashlib.sha256(code_digest() + f"\0{pagefind_version()}\0{shard.name}\0{shard.glob}".encode())
    for digest in digests:
        h.update(f"\0{digest}".encode())
    return h.hexdigest()


def record_reads(build: Build, shards: list[Shard]) -> None:
    """After indexing: each council shard's :func:`read_digest`, for the next build to compare with."""
    for shard in shards:
        councils = shard_councils(shard)
        if councils is None or shard.name in build.cache.read:
            continue
        digests = [build.cache.twins.get(f"{shard.lang}/{slug}") for slug in councils]
        if all(digests):
            build.cache.read[shard.name] = read_digest(shard, digests)  # type: ignore[arg-type]


def _bring(build: Build, shard: Shard, right: Callable[[BuildCache], bool]) -> bool:
    rel = f"pagefind/{shard.name}"
    spare = build.spare
    if spare is not None and right(spare.cache) and (spare.root / rel).is_dir():
        adopt(spare.root / rel, build.site / rel)
    elif not reuse_tree(build.old / rel, build.site / rel):  # type: ignore[operator]
        return False
    build.stats.shards_reused += 1
    return True
