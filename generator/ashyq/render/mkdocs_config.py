"""The generated ``mkdocs.yml`` of one language edition.

The navigation comes from the edition's pages (see
:func:`ashyq.render.sitepages.navigation`); this module only places it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..i18n import t
from . import urls
from .context import SiteContext
from .feeds import feed_links
from .latinize import LATIN_DIR, LATIN_NAME, editions

THEME_DIR = Path(__file__).resolve().parents[3] / "theme"
HOOKS = Path(__file__).resolve().parent / "mkdocs_hooks.py"
LANG_NAMES = {"kk": "Қазақша", "ru": "Русский"}


def theme_dir() -> Path:
    """The Material overrides: the repository's ``theme/``, or the copy installed with the package."""
    packaged = Path(__file__).resolve().parent.parent / "theme"
    return THEME_DIR if THEME_DIR.is_dir() else packaged


def tile_origin(template: str) -> str:
    """``https://{s}.tile.example.org/{z}/…`` -> ``https://*.tile.example.org`` (a CSP source)."""
    scheme, _, rest = str(template).partition("://")
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}" if scheme in ("https", "http") and host and "{" not in host else ""


def switcher(ctx: SiteContext) -> list[dict[str, str]]:
    """The language switcher's editions; an edition whose folder is not its language tag (kk-latn/) says so."""
    names = {**LANG_NAMES, LATIN_DIR: LATIN_NAME}
    out = []
    for folder, tag in editions(ctx):
        entry = {"code": tag, "name": names[folder], "root": urls.absolute(ctx.base_url, urls.home(folder))}
        out.append(entry if folder == tag else {**entry, "dir": folder})
    return out


def mkdocs_config(ctx: SiteContext, lang: str, docs_dir: Path, site_dir: Path, nav: list[Any]) -> dict:
    config = ctx.portal.config
    base = ctx.base_url
    return {
        "site_name": config.title.get(lang),
        "site_description": config.description.get(lang) if config.description else None,
        "site_url": urls.absolute(base, urls.home(lang)),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "nav": nav,
        "repo_url": config.repository,
        "edit_uri": "",
        "copyright": config.operator.get(lang) if config.operator else None,
        "theme": {
            "name": "material",
            "custom_dir": str(theme_dir()),
            "language": lang,
            "features": ["navigation.tabs", "navigation.sections", "navigation.top", "navigation.indexes",
                         "toc.follow", "content.tabs.link"],
            "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
            "font": False,  # no external font requests: the portal works offline and without trackers
        },
        "plugins": [],  # search is Pagefind, run over the whole site after MkDocs
        "hooks": [str(HOOKS)],  # page titles as plain text (the theme escapes them)
        "validation": {"nav": {"omitted_files": "ignore", "not_found": "warn"},
                       "links": {"not_found": "warn", "absolute_links": "ignore", "unrecognized_links": "ignore"}},
        "extra": {
            "ashyq": {
                "lang": lang,
                "languages": switcher(ctx),
                "feeds": feed_links(ctx, lang, None),
                # Relative links between the editions: the switch stays on the host it is served from
                # (ashyq serve, a preview), never the production base URL.
                "switcher": "relative",
                # The problem map's tiles come from their server: the page's CSP lets its images in.
                "tile_origin": tile_origin(ctx.portal.config.map.tiles),
            },
            "generator": False,
        },
        "extra_css": ["assets/stylesheets/ashyq.css", "assets/stylesheets/ashyq-timeline.css",
                      "assets/stylesheets/ashyq-layout.css"],
        "extra_javascript": ["assets/javascripts/ashyq.js", "assets/javascripts/ashyq-search.js"],
        # For the templates and the hand-written pages only: record text reaches MkDocs as character
        # references (render/text.py) or as sanitised HTML (render/sanitize.py), never as Markdown.
        # ashyq.render.mdtables: tables that turn into cards, key/value tables into definition lists.
        "markdown_extensions": ["attr_list", "md_in_html", "tables", "admonition", "def_list",
                                "ashyq.render.mdtables",
                                {"toc": {"permalink": True, "permalink_title": t(lang, "layout.permalink")}}],
    }


def write_config(path: Path, config: dict) -> None:
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
