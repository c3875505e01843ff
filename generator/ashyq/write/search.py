"""The Pagefind search index, built in shards that the search box merges.

Each language edition is indexed on its own (a reader searches the edition
of the page they are on), and a large edition is split further into groups
of councils so that no Pagefind run holds more than :func:`shard_pages`
pages in memory (about 88 KB each). The shards are written to
``pagefind/<lang>/`` (the edition's first shard: its portal-wide pages and
the first councils), ``pagefind/<lang>-2/``, … and listed in
``pagefind/shards.json``, which ``assets/javascripts/ashyq-search.js`` reads to merge
them (Pagefind's ``mergeIndex``), or, on a council's page, to open its council's
shard alone (:func:`manifest`). The Pagefind UI script and stylesheet the
pages load are copied to ``pagefind/``.

Only the ``data-pagefind-body`` element (the article, see ``theme/main.html``)
is indexed: the header, navigation and footer are not, and Pagefind does not
even read them (it is handed the pages' twins of :mod:`.search_twins`, in path
order, through its service mode: :mod:`.pagefind_service`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from ..render import members
from ..render.files import write_file
from ..render.latinize import LATIN_DIR, SOURCE
from .failsafe import BuildError
from .pagefind_order import settle
from .pagefind_service import index_pages, write_bundle
from .search_twins import NOTHING, folders, page_twins, pages

# Pages per Pagefind run: ≈ 0.3 GB of memory (≈ 88 KB a page, measured at 200 councils), two runs at a time;
# and a warm build re-indexes a changed council's shard only: a smaller shard is a quicker warm build, a
# larger one fewer of the index chunks a search of the whole edition loads, one per shard and word. At 740
# councils (32,564 pages an edition), against 2,000 pages: 12 council shards an edition rather than 20, a
# search of the whole Kazakh edition from its home page 273 KB rather than 331 KB (its chunks 61 KB rather
# than 108), a council's page 193 KB rather than 180, and a warm build 9.4 and 8.7 s rather than 8.4 and 8.2.
# At 5,000 pages the median of eight Russian words went from 305 to 300 KB, and a warm build to 9.4 and 9.8 s.
SHARD_PAGES = 3500
JOBS = 2  # Pagefind runs at a time
BUSY_POLL = 1.0  # seconds between two looks at whether the side lane is done
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
MANIFEST = "shards.json"
COUNCILS = "councils"  # the manifest's key of where each council's pages are indexed (never an edition's name)
_NAME = re.compile(r"^[\w.-]+$")  # file names that need no escaping in a glob
UNINDEXED = folders([members.UNINDEXED])  # folders of pages left out of the index, relative to an edition
Twins = Callable[[Path, "Shard"], Iterator[tuple[str, bytes]]]  # a shard's (page path, twin), in path order


def shard_pages() -> int:
    """The page budget of one shard; ``ASHYQ_SEARCH_SHARD_PAGES`` lowers it (tests, tuning)."""
    value = os.environ.get("ASHYQ_SEARCH_SHARD_PAGES", "")
    return max(1, int(value)) if value.isdigit() else SHARD_PAGES


@dataclass(frozen=True)
class Shard:
    name: str  # folder under pagefind/: "kk", "kk-2", …
    lang: str
    patterns: tuple[str, ...]  # globs relative to the site, joined into one Pagefind --glob
    pages: int

    @property
    def glob(self) -> str:
        return self.patterns[0] if len(self.patterns) == 1 else "{" + ",".join(self.patterns) + "}"


Counts = tuple[int, dict[str, int]]  # an edition's indexed pages outside ``councils/<name>/``, and under each


def tally(rels: Iterable[str], skip: re.Pattern[str] = NOTHING) -> Counts:
    """The :data:`Counts` of an edition's pages, given by their paths relative to the edition; pages in the
    folders ``skip`` matches are left out, as the shards' walk leaves them out (:func:`.search_twins.pages`)."""
    common, councils = 0, {}
    within = None if skip is NOTHING else re.compile(f"(?:{skip.pattern})/")  # a page in a skipped folder
    for rel in rels:
        if within is not None and within.match(rel):
            continue
        parts = rel.split("/", 2)
        if len(parts) > 2 and parts[0] == "councils":
            councils[parts[1]] = councils.get(parts[1], 0) + 1
        else:
            common += 1
    return common, councils


def _html_counts(root: Path) -> Counts:
    """The :data:`Counts` of an edition as written: one walk of it (counting each council's folder apart walked
    the site three times). A build hands its own list of pages instead (:func:`index_site`'s ``counts``)."""
    skip = len(root.name) + 1
    return tally(rel[skip:] for rel in pages(root.parent, f"{root.name}/**/*.html", UNINDEXED))


def _safe(name: str) -> str:
    if not _NAME.match(name):
        raise BuildError(f"pagefind: cannot index a folder named {name!r}")
    return name


def plan_shards(site: Path, langs: Iterable[str], limit: int,
                counts: Callable[[str], Counts | None] = lambda lang: None) -> list[Shard]:
    """Split each edition into shards of at most ``limit`` pages (a council is never split).

    The first shard of a language holds its pages outside ``councils/``; the
    councils follow in name order, so the plan depends only on the pages: ``counts(lang)`` as the build
    listed them (walking a national edition's 91,000 pages to count them took 2 s), else as written.
    """
    shards: list[Shard] = []
    for lang in langs:
        root = site / lang
        if not root.is_dir():
            continue
        councils = root / "councils"
        common = [f"{_safe(lang)}/*.html", f"{lang}/councils/*.html"]
        common += [f"{lang}/{_safe(d.name)}/**/*.html" for d in sorted(root.iterdir())
                   if d.is_dir() and d.name != "councils"]
        outside, counted = counts(lang) or _html_counts(root)
        groups: list[tuple[list[str], int]] = [(common, outside)]
        # An edition of more than one shard keeps its portal-wide pages (which change with every build)
        # apart, so a warm build re-indexes them and the changed councils' shard only.
        alone = outside + sum(counted.values()) > limit
        for council in sorted(d for d in councils.iterdir() if d.is_dir()) if councils.is_dir() else ():
            count = counted.get(council.name, 0)
            if (alone and len(groups) == 1) or (groups[-1][1] and groups[-1][1] + count > limit):
                groups.append(([], 0))
            patterns, pages = groups[-1]
            patterns.append(council_pattern(lang, council.name))
            groups[-1] = (patterns, pages + count)
        shards += [Shard(lang if i == 0 else f"{lang}-{i + 1}", lang, tuple(p), n) for i, (p, n) in enumerate(groups)]
    return shards


def shard_twins(site: Path, shard: Shard) -> Iterator[tuple[str, bytes]]:
    """The twins of a shard's pages (:mod:`.search_twins`), read from the pages."""
    return page_twins(site, shard.patterns, UNINDEXED)


def council_pattern(lang: str, slug: str) -> str:
    """The pattern of a council's pages in a shard of ``lang``."""
    return f"{lang}/councils/{_safe(slug)}/**/*.html"


def _run(site: Path, shard: Shard, twins: Twins = shard_twins) -> None:
    """Index one shard into ``pagefind/<shard>/``, from its pages' twins."""
    bundle = index_pages(shard.name, twins(site, shard))
    # Pagefind gives its filter indexes in hash-map order, and its pages long random names: sorted and
    # shortened, builds are identical and the pages' list small (:mod:`.pagefind_order`).
    settle(bundle, shard.name)
    write_bundle(site / "pagefind" / shard.name, bundle)


def _councils_in(shard: Shard) -> list[str]:
    """The councils whose folders a shard's patterns name, in name order."""
    prefix, suffix = f"{shard.lang}/councils/", "/**/*.html"
    return [p[len(prefix):-len(suffix)] for p in shard.patterns if p.startswith(prefix) and p.endswith(suffix)]


def shard_councils(shard: Shard) -> list[str] | None:
    """The councils a shard indexes; None for a shard that holds portal-wide pages too."""
    names = _councils_in(shard)
    return names if len(names) == len(shard.patterns) else None


def index_site(site: Path, langs: Iterable[str], limit: int | None = None, jobs: int = JOBS,
               reuse: Callable[[Shard], bool] | None = None, busy: Callable[[], bool] = lambda: False,
               counts: Callable[[str], Counts | None] = lambda lang: None, twins: Twins = shard_twins
               ) -> list[Shard]:
    """Build every shard, ``jobs`` at a time, one at a time while ``busy()``; returns the shards.

    ``reuse(shard)`` may bring an unchanged shard over from the previous build instead of indexing it.
    ``busy`` says the build's side lane still runs (:mod:`.lanes`): its process already takes a core, and a
    second Pagefind beside it would only add its memory (≈ 300 MB) to the build's peak. ``counts`` is
    :func:`plan_shards`'. ``twins`` gives a shard's pages as Pagefind reads them (:mod:`.twin_shelf`).
    """
    langs = list(langs)
    if SOURCE in langs and (site / LATIN_DIR).is_dir():  # the Latin edition, when built (write/latin.py)
        langs.insert(langs.index(SOURCE) + 1, LATIN_DIR)
    shards = plan_shards(site, langs, limit or shard_pages(), counts)
    if not shards:
        return shards
    todo = [s for s in shards if reuse is None or not reuse(s)]
    pending = sorted(todo, key=lambda s: (-s.pages, s.name), reverse=True)  # largest last: popped first
    running: set[Future] = set()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        while pending or running:
            while pending and len(running) < (1 if busy() else max(1, jobs)):
                running.add(pool.submit(_run, site, pending.pop(), twins))
            done, running = wait(running, timeout=BUSY_POLL if busy() else None, return_when=FIRST_COMPLETED)
            for future in done:
                future.result()
    bundle = site / "pagefind"
    for name in UI_FILES:  # the pages load the UI from pagefind/, whichever edition they belong to
        write_file(str(bundle / name), (bundle / shards[0].name / name).read_bytes())
    write_file(str(bundle / MANIFEST), json.dumps(manifest(shards), sort_keys=True, separators=(",", ":")).encode())
    return shards


def manifest(shards: list[Shard]) -> dict[str, object]:
    """``shards.json``: each edition's shards, the first one first (the search box merges them all), and under
    ``councils`` the first council of each shard that indexes councils, as ``[slug, shard]`` in name order: a
    council's pages search their council's shard alone (``assets/javascripts/ashyq-search.js``), which a reader
    widens to the whole edition. One query of the whole national edition downloads every shard's page
    list (about 92 KB at 100,000 pages, :mod:`.pagefind_ids`) and an index chunk of each (about 61 KB), and
    their filters (about 310 KB) only when the reader asks for the facets; a council's, its shard's and the
    first one's (about 190 KB, the UI's script included)."""
    editions: dict[str, list[str]] = {}
    starts: dict[str, list[list[str]]] = {}
    for shard in shards:
        editions.setdefault(shard.lang, []).append(shard.name)
        councils = _councils_in(shard)
        if councils:
            starts.setdefault(shard.lang, []).append([councils[0], shard.name])
    return {**editions, COUNCILS: starts}
