"""Our Jinja environments' faster calls (render/jinjacall.py) and template reloading (render/pages.py)."""

from __future__ import annotations

import jinja2
import pytest

from ashyq.render import jinjacall
from ashyq.render.pages import environment, keep_compiled


@jinja2.pass_context
def _from_context(context, name: str) -> str:
    return f"context:{context.get(name)}"


@jinja2.pass_environment
def _from_environment(env, value: str) -> str:
    return f"env:{env.trim_blocks}:{value}"


@jinja2.pass_eval_context
def _from_eval_context(eval_ctx, value: str) -> str:
    return f"eval:{eval_ctx.autoescape}:{value}"


class _Callable:
    def __call__(self, value: str) -> str:
        return f"object:{value}"


class _ContextCallable:
    @jinja2.pass_context
    def __call__(self, context, name: str) -> str:
        return f"object-context:{context.get(name)}"


class _Holder:
    def __init__(self, prefix: str):
        self.prefix = prefix

    def method(self, value: str) -> str:
        return f"{self.prefix}:{value}"


def _stops() -> str:
    raise StopIteration


TEMPLATE = """\
{% macro row(x, sep=",") %}[{{ x }}{{ sep }}{{ caller() if caller else "" }}]{% endmacro -%}
{{ plain("a") }} {{ plain(value="b") }} {{ ctx("who") }} {{ envf("c") }} {{ evalf("<d>") }}
{{ obj("e") }} {{ objctx("who") }} {{ holder.method("f") }} {{ range(3)|list }} {{ dict(a=1)["a"] }}
{{ "<x>"|e }} {{ stops() is undefined }} {{ row(1) }} {% call row(2, sep=";") %}body{% endcall %}
{% for who in ["loop-1", "loop-2"] %}{% set inner = who ~ "!" %}{{ ctx("inner") }} {{ ctx("who") }} {{ plain(who) }} {{ row(loop.index) }} {{ objctx("who") }}
{% endfor %}
{% block b %}{% set in_block = "block" %}{{ ctx("in_block") }}{% endblock %}
"""


def _render(context_class: type[jinja2.runtime.Context] | None) -> str:
    env = jinja2.Environment(autoescape=True, trim_blocks=True)
    if context_class is not None:
        env.context_class = context_class
    values = {"plain": lambda *a, **k: f"plain:{a}:{k}", "ctx": _from_context, "envf": _from_environment,
              "evalf": _from_eval_context, "obj": _Callable(), "objctx": _ContextCallable(),
              "holder": _Holder("method"), "stops": _stops, "who": "top"}
    return env.from_string(TEMPLATE).render(**values)


def test_our_calls_give_what_jinjas_own_give_for_every_kind_of_callable():
    ours, jinjas = _render(jinjacall.Context), _render(None)
    assert ours == jinjas
    # The cases are really exercised: the context reaches what asks for it, loop and block variables too.
    assert "context:top" in ours and "context:loop-1!" in ours and "context:loop-2!" in ours
    assert "context:block" in ours and "env:True:c" in ours and "eval:True:&lt;d&gt;" in ours
    assert "True [1,] [2;body]" in ours


def test_our_environments_use_the_faster_calls():
    assert environment().context_class is jinjacall.Context
    assert environment(html=True).context_class is jinjacall.Context


@pytest.fixture
def restored():
    envs = [environment(html=html) for html in (False, True)]
    before = [(env.auto_reload, env.bytecode_cache) for env in envs]
    yield envs
    for env, (reload, cache) in zip(envs, before):
        env.auto_reload, env.bytecode_cache = reload, cache


def test_a_build_stops_watching_the_template_files_and_serve_watches_them(restored):
    keep_compiled(None)  # what ``ashyq build`` does: one run, templates fixed
    assert [env.auto_reload for env in restored] == [False, False]
    keep_compiled(None, watch=True)  # what ``ashyq serve`` does before its first build
    assert [env.auto_reload for env in restored] == [True, True]


def test_links_worked_out_once_per_folder_are_those_mkdocs_makes_from_each_page():
    """``link`` remembers a folder's links to pages outside the linking page (render/pages.py: ``helpers``);
    from every page, in any order, each link must still be MkDocs' own relative URL."""
    import random
    from types import SimpleNamespace

    from mkdocs.utils import get_relative_url

    from ashyq.render.pages import Renderer
    from ashyq.render.sitepages import SitePage, SitePages

    def page(url: str) -> SitePage:
        rel = url.split("/", 1)[1].rstrip("/")
        return SitePage("ru", "generated", f"{rel}/index.md" if rel else "index.md", url)

    urls = ["ru/", "ru/councils/", "ru/councils/c/", "ru/councils/c/meetings/", "ru/councils/c/meetings/1/",
            "ru/councils/c/meetings/12/", "ru/councils/c/meetings/1/x/", "ru/councils/c/members/a/",
            "ru/councils/d/meetings/1/", "ru/calendar/2026-11/"]
    pages = SitePages("ru", [page(u) for u in urls])
    renderer = Renderer(SimpleNamespace(today=None), "ru", pages)
    order = [*pages, *reversed(list(pages))]  # siblings one after the other, each first once
    shuffled = order * 3
    random.Random(7).shuffle(shuffled)
    order += shuffled
    for here in order:
        link = renderer.helpers(here)["link"]
        for target in pages:
            assert link(target.url) == get_relative_url(target.mkdocs_url, here.mkdocs_url), (here.url, target.url)
