"""An edition whose docs tree did not change keeps what MkDocs made of it in the previous build.

MkDocs renders an edition's hand-written and generated pages, the councils' own pages while the menu lists
them, and the shells the fast pages (the portal's among them) are poured into (:mod:`ashyq.render.chrome`):
2-3.4 s a warm national build, for pages that an edit to a record leaves as they were. What MkDocs makes follows from its docs tree
and configuration, and from the theme, ashyq's code and MkDocs' own version, which the site's fingerprint
and :func:`docs_digest` cover. So when an edition's digest is the previous build's, the files MkDocs wrote
then are linked from the live site (listed in its ``.ashyq-cache.json``) and the shells it rendered come
from the cache shelf; MkDocs does not run for that edition. Should a file be missing, MkDocs runs after
all. No later step writes into a file MkDocs wrote (the fast pages, feeds and calendars have their own;
the sitemaps MkDocs writes in an edition are deleted, never rewritten: :data:`DROPPED`), so the files
the two sites share are never changed in place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from ..attachments import FOLDER
from ..render.chrome import Shell, mkdocs_url, shell_keys, shell_src
from ..render.files import copy_attachments
from ..render.sitepages import dest_of
from ..render.unchanged import comparing, settle
from .incremental import link_or_copy

if TYPE_CHECKING:
    from .build import Build

KIND = "shells"  # the page shelf's kind of entry: an edition's shells as MkDocs rendered them
DROPPED = ("sitemap.xml", "sitemap.xml.gz")  # written by MkDocs in an edition, deleted by the root files step


def _attachment(rel: str) -> bool:
    """A council's attachment (``councils/<slug>/attachments/…``): MkDocs only copies it. Only the councils a
    build renders anew have theirs in the docs tree, so they are left out of the digest and of the files
    kept (a cold and a warm build record the same), and copied anew when MkDocs does not run."""
    parts = rel.split("/", 3)
    return len(parts) == 4 and parts[0] == "councils" and parts[2] == FOLDER


def docs_digest(build: Build, lang: str, config: Path) -> str:
    """What MkDocs makes of an edition follows from: its docs tree, its configuration, the site's fingerprint
    (the theme, ashyq's code, the portal's configuration) and the versions of MkDocs and Material."""
    h = hashlib.sha256(f"{build.cache.site}\0{lang}\0{version('mkdocs')}\0{version('mkdocs-material')}\0".encode())
    h.update(config.read_bytes().replace(os.fsencode(build.staging), b"<staging>"))  # each build's own folder
    docs = build.work / "docs" / lang
    skip = len(os.path.join(docs, ""))
    for folder, dirs, files in os.walk(docs):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            if _attachment(path[skip:]):
                continue
            with open(path, "rb") as fh:
                h.update(path[skip:].encode() + b"\0" + hashlib.sha256(fh.read()).digest())
    return h.hexdigest()


def keep_edition(build: Build, lang: str, digest: str) -> bool:
    """Link the files MkDocs wrote for ``lang`` in the previous build, if its docs digest was ``digest`` and
    the shelf still has its shells; False (nothing left behind) when MkDocs must run."""
    previous = build.previous
    files = previous.mkdocs.get(lang)
    if (build.old is None or build.page_shelf is None or files is None or previous.site != build.cache.site
            or previous.docs.get(lang) != digest):
        return False
    shells = build.page_shelf.get(lang, digest, KIND)
    if not isinstance(shells, dict) or not all(dest in shells for dest in _shell_dests(build, lang).values()):
        return False
    made: set[Path] = set()
    try:
        for rel in files:
            link_or_copy(build.old / lang / rel, build.site / lang / rel, made)
        with comparing(build.site, build.old, [lang]):  # a changed council's attachments are mostly the same
            copy_attachments(build.ctx.portal, build.site / lang, build.kept)
    except OSError:
        shutil.rmtree(build.site / lang, ignore_errors=True)
        return False
    build.mkdocs_kept[lang] = shells
    return True


def take_shells(build: Build, lang: str, read: dict[str, str]) -> None:
    """After the shells step: what MkDocs wrote for ``lang`` (for the next build's :func:`keep_edition`), and
    the shells it rendered (``read``: their texts by output path), kept on the shelf."""
    site = build.site / lang
    skip = len(os.path.join(site, ""))
    written = []
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        written += [os.path.join(folder, name)[skip:] for name in sorted(files)]
    build.cache.mkdocs[lang] = [rel for rel in written if rel not in DROPPED and not _attachment(rel)]
    if lang not in build.mkdocs_kept:
        with comparing(build.site, build.old, [lang]):  # what MkDocs wrote as the live site has it: linked
            for rel in written:
                if rel not in DROPPED:
                    settle(os.path.join(site, rel))
    if build.page_shelf is not None and lang not in build.mkdocs_kept:
        build.page_shelf.put(lang, build.cache.docs[lang], read, KIND)


def _shell_dests(build: Build, lang: str) -> dict[tuple[str, str], str]:
    """Each shell of the edition, by its output path."""
    return {key: dest_of(shell_src(key)) for key in shell_keys(build.pages[lang])}


def shell_texts(build: Build, lang: str) -> dict[str, str]:
    """The shells MkDocs just rendered for ``lang``, by output path (read before the shells step takes them out)."""
    return {dest: (build.site / lang / dest).read_text(encoding="utf-8") for dest in _shell_dests(build, lang).values()}


def kept_shells(build: Build, lang: str) -> dict[tuple[str, str], Shell]:
    """The shells of an edition MkDocs did not run for, from the shelf."""
    texts = build.mkdocs_kept[lang]
    return {key: Shell.parse(texts[dest], mkdocs_url(dest)) for key, dest in _shell_dests(build, lang).items()}
