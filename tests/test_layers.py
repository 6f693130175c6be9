"""The import layers written in the README ("Imports follow the flow"), checked on the code.

Every module of the package is read with `ast` (imports inside functions and classes count: they run too),
and the test fails on an import the layer table forbids or on an import cycle between modules. Imports
under `if TYPE_CHECKING:` never run: they count for neither (a type annotation may name the engine).

What is wrong today and not fixed yet is in ALLOWED_* below, each entry with its reason. Those lists may
only shrink: an entry that no longer matches the code fails the test too, so it is taken out when fixed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Import name -> folder, as pyproject.toml's [tool.setuptools.package-dir] maps them.
PACKAGE_DIRS = {
    "gongkai": "gongkai",
    "gongkai.cli": "cli",
    "gongkai.crawlers": "crawlers",
    "gongkai.feeds": "feeds",
    "gongkai.indexer": "indexer",
    "gongkai.ops": "ops",
    "gongkai.parsers": "parsers",
    "gongkai.store": "store",
    "gongkai.web": "web",
}

# ------------------------------------------------------------------------------------------ the rule table
# Layers, bottom up. "core" is gongkai/ without engine.py (record, settings, ingest, reparse, labels, ...);
# "engine" is gongkai/engine.py, the facade; crawlers and feeds are sources, above it; cli, web and ops are
# the shells; "facades" (gongkai/facades/, issue 17) are the sub-facades over the sources and ops that cli
# and web call, above the sources and ops, below cli and web. A layer may import what its row does not forbid.
SHELLS = {"cli", "web", "ops"}
ABOVE_ENGINE = {"engine", "crawlers", "feeds", "facades"} | SHELLS

#: layer -> the layers it must not import (the README's "Imports follow the flow", one row each).
FORBIDDEN: dict[str, set[str]] = {
    # parsers know nothing of crawlers, feeds, the store, the index or the web (bytes in, a Record out).
    "parsers": {"store", "indexer"} | ABOVE_ENGINE,
    # the store and the index know nothing of sources, and nothing below the engine imports the engine.
    "store": ABOVE_ENGINE,
    "indexer": ABOVE_ENGINE,
    "core": ABOVE_ENGINE,
    # the engine calls no source: crawlers and feeds call the engine.
    "engine": {"crawlers", "feeds", "facades"} | SHELLS,
    # sources never import a shell (feeds do not import web; labels they share live in gongkai/labels.py).
    "crawlers": SHELLS | {"facades"},
    "feeds": SHELLS | {"facades"},
    # the scheduler's package is what the facades wrap; it never calls them.
    "ops": {"facades"},
    # the sub-facades delegate downwards only.
    "facades": {"cli", "web"},
    # shells may import one another (the CLI serves the web app, the web app shows the scheduler's runs).
}

#: Forbidden imports that exist today, (importer, imported) -> why it is still there. Only shrinks.
ALLOWED_LAYER_BREAKS: dict[tuple[str, str], str] = {
    ("gongkai.feeds.sync", "gongkai.ops.locks"): "the sync push holds the scheduler's job lease; leases belong in the store (one owner of the database)",
    ("gongkai.feeds.sync", "gongkai.ops.db"): "same: the lease table is reached through the ops database engine",
    ("gongkai.feeds.alerts", "gongkai.ops.freshness"): "overdue-source notices (issue 22) read the freshness report kept in ops; the scheduler job should hand it in",
}

#: Imports that close a cycle today (mostly late imports inside a function), (importer, imported) -> why.
#: The graph without them must have no cycle; each must still close one. Only shrinks.
ALLOWED_CYCLE_EDGES: dict[tuple[str, str], str] = {
    ("gongkai.notices", "gongkai.outage_areas"): "outage area cleaning uses the notice models, and the models clean areas",
    ("gongkai.parsers.capture", "gongkai.parsers.sidecar"): "a capture reads its sidecar, and sidecars raise the capture's errors",
    ("gongkai.recordfiles", "gongkai.parsers.sidecar"): "the record reader reads XML records with the sidecar's reader, which uses the record reader",
    ("gongkai.parsers", "gongkai.parsers.notices"): "parsers/__init__ is both the parse entry point and what the notice parser imports",
    ("gongkai.parsers", "gongkai.parsers.pool"): "same: the pool's workers call gongkai.parsers.parse",
    ("gongkai.parsers.registry", "gongkai.parsers.formats"): "the registry loads the built-in formats, which register themselves with it",
    ("gongkai.web.routes_admin", "gongkai.web.routes_sources"): "the admin page shows the sources section, and the sources route uses the admin login: the login belongs in a module of its own",
}

# ------------------------------------------------------------------------------------------ thin shells
#: The packages below the sub-facades. cli/ and web/ (and scheduler.py) reach them through gongkai.facades
#: (jobs, status, crawls, alerts, feeds) and catch their errors from gongkai.errors (issue 17).
BELOW_FACADES = {"crawlers", "feeds", "ops", "store", "indexer", "parsers"}
THIN_SHELLS = {"cli", "web"}

# No allow-list: the shells import nothing from BELOW_FACADES at run time, and the test below keeps it so (the
# last ones went in issue 17: `gongkai db` through gongkai.facades.schema, the page's marks through Engine.marks).


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and (f"gongkai.{parts[1]}" in PACKAGE_DIRS or parts[1] == "facades"):
        return parts[1]
    return "engine" if module == "gongkai.engine" else "core"


# ------------------------------------------------------------------------------------------ reading the code
@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported} (line {self.line})"


def package_modules() -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    found: dict[str, Path] = {}
    for package, folder in PACKAGE_DIRS.items():
        base = ROOT / folder
        for path in sorted(base.rglob("*.py")):
            parts = list(path.relative_to(base).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join([package, *parts])] = path
    return found


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes under `if TYPE_CHECKING:` (never run)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                skipped.update(id(inner) for inner in ast.walk(statement))
    return skipped


def runtime_imports(modules: dict[str, Path]) -> list[Import]:
    """Internal imports that run, at any depth of a module. `from P import name` is an import of the
    submodule P.name when there is one, else of P; an import of a package is of its __init__."""

    def known(name: str) -> str:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    imports: list[Import] = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skipped = _type_checking_nodes(tree)
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source for a in node.names]
            for target in targets:
                if target == "gongkai" or target.startswith("gongkai."):
                    resolved = known(target)
                    if resolved and resolved != module:
                        imports.append(Import(module, resolved, node.lineno))
    return imports


def graph_of(imports: list[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for imp in imports:
        graph.setdefault(imp.importer, set()).add(imp.imported)
    return graph


def path_between(graph: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """A shortest import path start -> ... -> goal (breadth first), or None."""
    came_from: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            path = [node]
            while came_from[path[-1]] is not None:
                path.append(came_from[path[-1]])  # type: ignore[arg-type]
            return path[::-1]
        for child in sorted(graph.get(node, ())):
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    return None


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (a -> b -> ... -> a), or None when the graph has none."""
    for importer in sorted(graph):
        for imported in sorted(graph[importer]):
            back = path_between(graph, imported, importer)
            if back is not None:
                return [importer, *back]
    return None


# ------------------------------------------------------------------------------------------ the tests
MODULES = package_modules()
IMPORTS = runtime_imports(MODULES)


def layer_breaks() -> dict[tuple[str, str], list[Import]]:
    breaks: dict[tuple[str, str], list[Import]] = {}
    for imp in IMPORTS:
        if layer_of(imp.imported) in FORBIDDEN.get(layer_of(imp.importer), set()):
            breaks.setdefault((imp.importer, imp.imported), []).append(imp)
    return breaks


def test_the_walk_sees_the_whole_package() -> None:
    # A walk that silently found nothing would pass every rule: check it reads what the tree holds.
    assert {"gongkai.engine", "gongkai.record", "gongkai.parsers", "gongkai.store.store", "gongkai.web.app",
            "gongkai.cli.main", "gongkai.feeds.atom", "gongkai.crawlers.pipeline"} <= set(MODULES)
    assert len(MODULES) > 150
    assert any(imp.importer == "gongkai.engine" and imp.imported == "gongkai.record" for imp in IMPORTS)


def test_imports_inside_functions_count_and_type_checking_ones_do_not(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from gongkai.engine import Engine\n"
        "def f():\n    from gongkai.web import params\n    import gongkai.feeds.sync as s\n",
        encoding="utf-8",
    )
    found = runtime_imports({"gongkai.m": module, "gongkai.engine": module, "gongkai.web.params": module,
                             "gongkai.feeds.sync": module})
    assert {(i.imported, i.line) for i in found if i.importer == "gongkai.m"} == {("gongkai.web.params", 5), ("gongkai.feeds.sync", 6)}


def test_cycle_finder_finds_a_cycle() -> None:
    made = graph_of([Import("a", "b", 1), Import("b", "c", 1), Import("c", "a", 1), Import("c", "d", 1)])
    assert find_cycle(made) == ["a", "b", "c", "a"]
    assert find_cycle(graph_of([Import("a", "b", 1), Import("b", "c", 1), Import("a", "c", 1)])) is None


def test_no_import_against_the_layers() -> None:
    breaks = layer_breaks()
    new = [str(imp) for key, found in sorted(breaks.items()) if key not in ALLOWED_LAYER_BREAKS for imp in found]
    assert not new, "imports against the layers in the README (Imports follow the flow):\n" + "\n".join(new)


def test_allowed_layer_breaks_only_shrink() -> None:
    gone = sorted(set(ALLOWED_LAYER_BREAKS) - set(layer_breaks()))
    assert not gone, f"fixed, so take them out of ALLOWED_LAYER_BREAKS: {gone}"


def test_no_import_cycles() -> None:
    graph = graph_of([imp for imp in IMPORTS if (imp.importer, imp.imported) not in ALLOWED_CYCLE_EDGES])
    cycle = find_cycle(graph)
    assert cycle is None, "an import cycle between modules: " + " -> ".join(cycle or [])


def test_allowed_cycle_edges_only_shrink() -> None:
    graph = graph_of(IMPORTS)
    stale = [edge for edge in ALLOWED_CYCLE_EDGES
             if edge[1] not in graph.get(edge[0], set()) or path_between(graph, edge[1], edge[0]) is None]
    assert not stale, f"these imports no longer close a cycle, so take them out of ALLOWED_CYCLE_EDGES: {stale}"


def test_search_types_are_imported_from_the_core() -> None:
    # SearchRequest and the response types live in gongkai/search_types.py; indexer/models.py only re-exports
    # them for tests and benchmarks, so no module of the package may import it.
    old = [str(imp) for imp in IMPORTS if imp.imported == "gongkai.indexer.models"]
    assert not old, "import gongkai.search_types instead:\n" + "\n".join(old)


def shell_imports() -> dict[tuple[str, str], list[Import]]:
    """Imports from cli/, web/ and scheduler.py into the packages below the sub-facades."""
    script = runtime_imports({**MODULES, "scheduler.py": ROOT / "scheduler.py"})
    found: dict[tuple[str, str], list[Import]] = {}
    for imp in [*IMPORTS, *(i for i in script if i.importer == "scheduler.py")]:
        shell = imp.importer == "scheduler.py" or layer_of(imp.importer) in THIN_SHELLS
        if shell and layer_of(imp.imported) in BELOW_FACADES:
            found.setdefault((imp.importer, imp.imported), []).append(imp)
    return found


def test_shells_reach_the_lower_packages_through_the_facades() -> None:
    found = shell_imports()
    script = runtime_imports({**MODULES, "scheduler.py": ROOT / "scheduler.py"})
    assert any(i.importer == "scheduler.py" and i.imported == "gongkai.cli.main" for i in script)  # the walk reads it
    new = [str(imp) for imps in found.values() for imp in imps]
    assert not new, ("cli/, web/ and scheduler.py call the crawlers, feeds, ops, store and index through the engine and "
                     "gongkai.facades and catch their errors from gongkai.errors (README, Imports follow the flow):\n"
                     + "\n".join(sorted(new)))


def test_the_shell_walk_would_see_an_import_below_the_facades(tmp_path: Path) -> None:
    # The test above passes on an empty answer; this one shows the walk finds such an import, inside a function too.
    shell = tmp_path / "shell.py"
    shell.write_text("def page():\n    from gongkai.indexer.query import parse_query\n    return parse_query\n", encoding="utf-8")
    found = runtime_imports({**MODULES, "gongkai.web.shell": shell})
    assert [(i.importer, i.imported) for i in found if i.importer == "gongkai.web.shell"] == [("gongkai.web.shell", "gongkai.indexer.query")]
    assert layer_of("gongkai.web.shell") in THIN_SHELLS and layer_of("gongkai.indexer.query") in BELOW_FACADES


# ------------------------------------------------------------------------------------------ the README's table
def test_the_readme_import_table_is_the_code_s() -> None:
    # The README's "Which package imports which" table is tools/layout.py's output; an import that moves a
    # cell without the table redrawn fails here with the diff (redraw: `python tools/layout.py --write`).
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "tools" / "layout.py"), "--check"], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, ("README.md's import table is not the code's (redraw it: python tools/layout.py "
                                  "--write):\n" + done.stdout + done.stderr)
