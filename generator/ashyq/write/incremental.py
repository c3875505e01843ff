"""Incremental builds: what a council's pages and search shard depend on, and reusing them when unchanged.

A build writes ``.ashyq-cache.json`` at the site's root: a fingerprint of
everything the whole site depends on (ashyq's version and templates, the
theme, the configuration), and one per council (its files, their git dates,
its findings, its removed records, what the build's day decides of it:
:mod:`.dayfacts`, and those of the councils its pages name: :func:`neighbours`).
The next build into the same output reuses what did not change instead of
rendering it again:

- a council's folder in each edition (its pages outside the menu, its and
  its members' feeds, its calendar, its attachments), when its
  fingerprint, the edition's chrome and its list of pages are unchanged:
  moved from the spare or hard-linked from the live site into the staging
  folder (:mod:`.reuse`, :mod:`.spare`), so the swap stays atomic and the
  live site is never written to;
- its open data document, when its fingerprint is unchanged (its part of
  the portal-wide data files, and a round of councils' share of the
  portal's feeds and calendar, come from the cache: :mod:`.remember`);
- a search shard (:mod:`ashyq.write.search`) whose councils all kept
  their fingerprints.

The fingerprint covers every input of those outputs, so a warm build gives
the same bytes as a cold one (tested); anything doubtful is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..diagnostics import switched_off
from ..load.digests import Digests, of_portal
from ..load.walk import listing
from ..models import Council
from ..render.approvals import approver
from ..render.context import SiteContext
from .dayfacts import day_key

CACHE_FILE = ".ashyq-cache.json"
CACHE_FORMAT = 5
PACKAGE = Path(__file__).resolve().parent.parent
# What renders the pages besides the records: templates, locales, the packaged theme (ashyq's own files).
_CODE_FOLDERS = ("templates", "kinds", "locales", "theme", "render", "rules")


def _hash_tree(h, folder: Path, root: Path, digests: Digests | None = None) -> None:
    """Names and bytes of every regular file under ``folder`` (sorted; links are never followed); a portal's
    files through its ``digests`` (:mod:`ashyq.load.digests`: one unchanged since it was hashed is not read)
    and its listing (:func:`ashyq.load.walk.listing`: the check listed each council already)."""
    if digests is not None:
        skip = len(os.path.join(root, ""))  # each path's part after the root, cut as text (no Path made)
        for entries in listing(folder).values():  # folders in the order os.walk takes them, names sorted
            for entry in entries:
                if entry.kind == "file" and (digest := digests.of(entry.where)) is not None:
                    h.update(entry.where[skip:].encode() + b"\0" + digest)
        return
    if not folder.is_dir():
        return
    for dirpath, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = Path(dirpath) / name
            if not path.is_symlink() and path.is_file():
                digest = hashlib.sha256(path.read_bytes()).digest()
                h.update(path.relative_to(root).as_posix().encode() + b"\0" + digest)


def site_fingerprint(ctx: SiteContext) -> str:
    """What every page depends on: ashyq itself, the portal's theme and content, its configuration. Not the
    build's day: what it decides is each council's (:mod:`.dayfacts`) and the portal pages' (their memo)."""
    h = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}\0{','.join(ctx.langs)}".encode())
    h.update(zlib.ZLIB_RUNTIME_VERSION.encode())  # the archive copies compressed entries of earlier builds
    h.update(",".join(switched_off()).encode())  # the benchmark switch (ashyq.diagnostics): empty unless set
    for name in _CODE_FOLDERS:
        _hash_tree(h, PACKAGE / name, PACKAGE)
    root = ctx.portal.root
    for name in ("site_config.yml", "bodies.yml", "theme", "content"):  # bodies.yml: names on councils' pages
        path = root / name
        if path.is_dir():
            _hash_tree(h, path, root, of_portal(root))
        elif path.is_file() and not path.is_symlink():
            h.update(name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def council_fingerprint(ctx: SiteContext, council: Council) -> str:
    """What one council's pages depend on beyond the site: its files, their dates, findings and removals, and
    what the build's day decides of them."""
    h = hashlib.sha256(council.slug.encode() + b"\0" + day_key(ctx, council))
    root = ctx.portal.root
    _hash_tree(h, root / council.path, root, of_portal(root))
    prefix = f"{Path(council.path).as_posix()}/"
    h.update(ctx.dates.dates_key(prefix).encode())  # grouped by council once (a git portal has thousands)
    h.update(ctx.dates.revision_key(prefix).encode())  # the commits its record pages' histories list
    for f in ctx.council_findings(council):
        h.update(repr((f.rule, f.kind.value, f.severity, f.file, f.line, f.column, f.field, f.key,
                       sorted((k, str(v)) for k, v in f.params.items()), f.record)).encode())
    return h.hexdigest()


def neighbours(ctx: SiteContext) -> dict[str, set[str]]:
    """Slug -> the other councils whose names or records its pages and feeds show: the partners of a joint
    meeting (its page names them; their feeds carry it) and the maslikhat that approved a council's
    composition (each council's page names the other), both ways."""
    found: dict[str, set[str]] = {slug: set() for slug in ctx.portal.councils}
    for council in ctx.portal.councils.values():
        maslikhat = approver(ctx.portal, council)
        others = {maslikhat.slug} if maslikhat else set()
        for rec in council.records():
            others.update(getattr(rec, "joint_with", None) or ())
        for other in others & found.keys() - {council.slug}:
            found[council.slug].add(other)
            found[other].add(council.slug)
    return found


def council_fingerprints(ctx: SiteContext) -> dict[str, str]:
    """What each council's pages, feeds and calendar depend on beyond the site: its own fingerprint and
    those of its :func:`neighbours`."""
    own = {slug: council_fingerprint(ctx, c) for slug, c in sorted(ctx.portal.councils.items())}
    of_portal(ctx.portal.root).save()  # the attachments' hashes too: the next build reads none it knows
    near = neighbours(ctx)
    return {slug: hashlib.sha256("\0".join([fp, *(own[n] for n in sorted(near[slug]))]).encode()).hexdigest()
            if near[slug] else fp for slug, fp in own.items()}


@dataclass
class BuildCache:
    """The fingerprints a site was built from, and the files each council's fast pages made."""

    site: str = ""
    councils: dict[str, str] = field(default_factory=dict)  # slug -> fingerprint
    chrome: dict[str, str] = field(default_factory=dict)  # language -> hash of its shells
    # "<lang>/<slug>" -> "<count>:<hash>" of the site-relative files its fast pages made (:func:`pages_made`): the
    # lists themselves made the file 9.9 MB at national size, read and written by every build
    files: dict[str, str] = field(default_factory=dict)
    shards: dict[str, str] = field(default_factory=dict)  # search shard -> fingerprint
    docs: dict[str, str] = field(default_factory=dict)  # language -> its docs tree's digest (write/mkdocs_kept.py)
    mkdocs: dict[str, list[str]] = field(default_factory=dict)  # language -> the files MkDocs wrote in it
    root: str = ""  # what the site's root files were made from (write/sitemap.py: root_digest)
    # What Pagefind read: "<lang>/<slug>" -> the digest of a council's twins in that edition (write/twin_shelf.py),
    # and search shard -> the digest of all its pages' (write/reuse.py: a shard whose pages read the same)
    twins: dict[str, str] = field(default_factory=dict)
    read: dict[str, str] = field(default_factory=dict)
    day: str = ""  # the day deadlines were judged on (the open data's ``as_of``: write/remember.py)

    @classmethod
    def load(cls, site: Path) -> BuildCache:
        """The cache of a previous site; an empty one if there is none or it cannot be trusted."""
        path = site / CACHE_FILE
        try:
            if path.is_symlink() or not path.is_file():
                return cls()
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT:
                return cls()
            return cls(data["site"], dict(data["councils"]), dict(data["chrome"]),
                       {k: str(v) for k, v in data["files"].items()}, dict(data["shards"]),
                       dict(data.get("docs", {})), {k: list(v) for k, v in data.get("mkdocs", {}).items()},
                       str(data.get("root", "")), dict(data.get("twins", {})), dict(data.get("read", {})),
                       str(data.get("day", "")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def save(self, site: Path) -> None:
        data = {"format": CACHE_FORMAT, "site": self.site, "councils": self.councils, "chrome": self.chrome,
                "files": self.files, "shards": self.shards, "docs": self.docs, "mkdocs": self.mkdocs, "root": self.root,
                "twins": self.twins, "read": self.read, "day": self.day}
        (site / CACHE_FILE).write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")

    def folder_unchanged(self, new: BuildCache, langs: list[str], slug: str) -> bool:
        """The council's folder in every edition would come out as in this (previous) build, the editions'
        chrome aside (it follows from the site's fingerprint; :mod:`.reuse` checks it once MkDocs made it)."""
        return self.inputs_unchanged(new, slug) and all(
            f"{lang}/{slug}" in self.files and self.files[f"{lang}/{slug}"] == new.files.get(f"{lang}/{slug}")
            for lang in langs)

    def pages_of(self, lang: str, slug: str) -> int:
        """How many files the council's fast pages made in the edition ``lang``."""
        return int(self.files.get(f"{lang}/{slug}", "0:").split(":", 1)[0])

    def inputs_unchanged(self, new: BuildCache, slug: str) -> bool:
        """The council's feeds, calendar and open data would come out the same as in this (previous) build."""
        return (bool(self.site) and self.site == new.site and slug in self.councils
                and self.councils[slug] == new.councils.get(slug))


def pages_made(files: list[str]) -> str:
    """``<count>:<hash>`` of a council's files in one edition (paths inside it), as :attr:`BuildCache.files`
    keeps them."""
    return f"{len(files)}:{hashlib.sha256(chr(0).join(files).encode()).hexdigest()}"


def link_or_copy(src: Path, dest: Path, made: set[Path] | None = None) -> None:
    """Put the previous build's file at ``dest``: a hard link (no bytes written), else a copy.

    ``made`` remembers the folders already made: most files share theirs with others.
    """
    if made is None or dest.parent not in made:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if made is not None:
            made.add(dest.parent)
    try:
        os.link(src, dest, follow_symlinks=False)
        return
    except FileExistsError:
        if os.path.samefile(src, dest):
            return  # linked already (an edition MkDocs did not run for: write/mkdocs_kept.py)
        dest.unlink()  # replaced, never written into: it may be a link of the live site's file
    except OSError:
        shutil.copyfile(src, dest, follow_symlinks=False)  # no links here (another file system, say)
        return
    try:
        os.link(src, dest, follow_symlinks=False)
    except OSError:
        shutil.copyfile(src, dest, follow_symlinks=False)


def reuse_tree(old: Path, new: Path) -> bool:
    """Bring a whole folder over (a search shard); False if it is not there.

    Links are neither followed nor brought; the directory entries' own types tell files from folders
    (a shard is thousands of files: no ``stat`` each).
    """
    if old.is_symlink() or not old.is_dir():
        return False
    made: set[Path] = set()
    folders = [(old, new)]
    while folders:
        source, target = folders.pop()
        with os.scandir(source) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((Path(entry.path), target / entry.name))
                elif entry.is_file(follow_symlinks=False):
                    link_or_copy(Path(entry.path), target / entry.name, made)
    return True
