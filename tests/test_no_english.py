"""No English on a Kazakh or Russian page: the built sample portal scanned for known English UI words.

Every page of both editions is read as a reader and a screen reader meet it:
its text and the attributes that are spoken or shown (``title``,
``aria-label``, ``placeholder``, ``alt``). Text marked ``lang="en"`` on purpose
(the product name in the footer) and code (a YAML value, a command) are left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from buildkit import LANGS, Site, sample_site

# Words of Material's, Pagefind's, pydantic's and YAML's English that a kk/ru page must never show.
ENGLISH = re.compile(r"\b(Permanent link|Skip to content|Table of contents|Back to top|Initializing search|"
                     r"Type to start searching|Copy to clipboard|Search|Previous|Next|Load more|No results|"
                     r"results|Status|Deadline|Response|Recommendation|Meeting|Council|Attachments|Download|"
                     r"postponed|cancelled|did not find expected key|Input should be|Field required|"
                     r"Last update|Edit this page|Made with)\b")
SPOKEN = ("title", "aria-label", "placeholder", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Reader(HTMLParser):
    """The page's text and spoken attributes, outside ``lang="en"``, scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)

    def _skipping(self) -> bool:
        return any(skip for _tag, skip in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        skip = tag in ("script", "style", "template", "code", "pre", "kbd", "samp") or a.get("lang", "").startswith("en")
        if not skip and not self._skipping():
            self.found += [f"{tag}@{k}: {a[k]}" for k in SPOKEN if ENGLISH.search(a.get(k, ""))]
        if tag not in VOID:
            self._stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping() and ENGLISH.search(data):
            self.found.append(" ".join(data.split())[:120])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return sample_site(tmp_path_factory)


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_ui_words_on_kk_or_ru_pages(site: Site, lang: str):
    problems = []
    files = site.html_files(lang)
    assert files, f"no {lang} pages built"
    for file in files:
        reader = Reader()
        reader.feed(file.read_text(encoding="utf-8"))
        problems += [f"{site.site_path_of(file)}: {hit}" for hit in dict.fromkeys(reader.found)]
    assert not problems, f"{len(problems)} English strings on {lang} pages:\n" + "\n".join(problems[:40])


def test_the_scanner_sees_english():
    reader = Reader()
    reader.feed('<p title="Permanent link">x</p><span lang="en">Made with</span><p>Search</p>')
    assert reader.found == ["p@title: Permanent link", "Search"]
