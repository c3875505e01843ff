"""The Markdown extension behind responsive tables (ashyq.render.mdtables), as both engines use it."""

from __future__ import annotations

import markdown

from ashyq.i18n import t

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "def_list", "ashyq.render.mdtables", "toc"]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_a_key_value_table_becomes_a_definition_list():
    out = convert("| | |\n|---|---|\n| Статус | <span class=\"b\">x</span> |\n| Адрес | [сайт](x) &#40;1&#41; |\n")
    assert "<thead" not in out and "<table" not in out
    assert '<dl class="ashyq-kv">' in out
    assert "<dt>Статус</dt>" in out and '<dd><span class="b">x</span></dd>' in out
    assert '<dd><a href="x">сайт</a> &#40;1&#41;</dd>' in out


def test_cells_carry_their_column_name():
    out = convert("| Дата &#40;жергілікті&#41; | <b>Мәртебе</b> | Күн |\n|---|---|---|\n| 1 | 2 | 3 |\n")
    assert '<div class="ashyq-table" data-cols="3">' in out
    assert '<td data-label="Дата (жергілікті)">1</td>' in out
    assert '<td data-label="Мәртебе">2</td>' in out


def test_a_label_is_an_escaped_attribute():
    out = convert('| a &#34;&#62; onmouseover=x | b |\n|---|---|\n| 1 | 2 |\n')
    assert 'data-label="a &quot;&gt; onmouseover=x"' in out


def test_the_permanent_link_is_in_the_readers_language():
    assert t("ru", "layout.permalink") == "Постоянная ссылка на этот раздел"
    assert t("kk", "layout.permalink") == "Осы бөлімге тұрақты сілтеме"
