"""Strings in kk, ru and en: messages for secretaries and the portal's interface.

Catalogues are flat YAML files, one key per string, so a translator sees
every string and a test can check that no language misses a key:
``locales/<lang>.yml`` holds messages for secretaries, ``locales/<area>.<lang>.yml``
the strings of one part of the portal (pages, feeds, guides).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

LOCALES = Path(__file__).parent / "locales"
MESSAGE_LANGS = ("kk", "ru", "en")


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(LOCALES.glob(f"*{lang}.yml")):
        if path.name == f"{lang}.yml" or path.name.endswith(f".{lang}.yml"):
            with path.open(encoding="utf-8") as fh:
                merged.update(yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {})
    return merged


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(lang: str, key: str, /, **params: Any) -> str:
    """The string ``key`` in ``lang`` (falling back to kk), with ``params`` filled in."""
    template = catalogue(lang).get(key)
    if template is None:
        template = catalogue("kk").get(key, key)
    return template.format_map(_Safe(params)) if params else template
