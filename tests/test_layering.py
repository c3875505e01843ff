"""The package's layering: no import cycles, small modules, pages that do not reach into the checker.

The import graph is read from the source with ``ast`` (module-level imports
only: an import inside a function runs late and is how a cycle is broken on
purpose; ``if TYPE_CHECKING:`` imports never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import ashyq

PACKAGE = Path(ashyq.__file__).parent
MAX_LINES = 400
# Files over the limit that are not Python: templates and theme partials are
# read as a whole page by a designer, so they are allowed to be long.
LONG_FILES_ALLOWED: frozenset[str] = frozenset()
# Known debts, each to be removed with its fix (a test fails once one is no longer needed):
KNOWN_CYCLES: list[list[str]] = []
KNOWN_RENDER_TO_VALIDATE: dict[str, list[str]] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported (also inside top-level try/if, not TYPE_CHECKING)."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.Try):
            stack += node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            stack += node.body + node.orelse
    return found


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The ``ashyq`` modules one import statement loads."""
    is_package = MODULES[module].name == "__init__.py"
    if isinstance(node, ast.Import):
        names = {a.name for a in node.names}
    else:
        if node.level:
            base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        names = {prefix} | {f"{prefix}.{a.name}" for a in node.names}
    out = set()
    for name in names:
        # Importing a.b.c also runs a and a.b.
        parts = name.split(".")
        out |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return {n for n in out if n in MODULES and n != module}


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = set().union(*(_imported(module, n) for n in _top_level_imports(tree)))
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _without_packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph without the edge from a package to its own submodules.

    A package's ``__init__`` importing its submodules, which import the
    package back for a sibling, is how Python packages work and no cycle
    between layers.
    """
    return {m: {d for d in deps if not d.startswith(m + ".")} for m, deps in graph.items()}


def test_the_graph_is_read():
    graph = import_graph()
    assert "ashyq.i18n" in graph["ashyq.report"]
    assert "ashyq.write.sitemap" in graph["ashyq.write.build"]


def test_no_import_cycles():
    assert _cycles(_without_packages(import_graph())) == KNOWN_CYCLES


def test_no_module_over_the_limit():
    long = {}
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in (".py", ".j2", ".html", ".md") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(PACKAGE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and rel not in LONG_FILES_ALLOWED:
            long[rel] = lines
    assert long == {}


def test_the_long_file_exemptions_are_no_python_and_still_needed():
    assert [n for n in LONG_FILES_ALLOWED if n.endswith(".py")] == []
    assert [n for n in LONG_FILES_ALLOWED
            if len((PACKAGE / n).read_text(encoding="utf-8").splitlines()) <= MAX_LINES] == []


def test_pages_do_not_import_the_checker():
    """``render`` turns checked records into pages; it may use ``validate.privacy``'s masking only."""
    graph = import_graph()
    reach = {m: sorted(d for d in deps if d.startswith("ashyq.validate") and d not in
                       ("ashyq.validate", "ashyq.validate.privacy"))
             for m, deps in graph.items() if m.startswith("ashyq.render")}
    assert {m: deps for m, deps in reach.items() if deps} == KNOWN_RENDER_TO_VALIDATE
