"""The engine's modules import each other without cycles, late (in-function) imports included."""

from __future__ import annotations

import ast
from pathlib import Path

import hisolver_core.mathengine as mathengine

PACKAGE = Path(mathengine.__file__).parent


def _guarded_by_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def imported_siblings(source: str, modules: set[str]) -> set[str]:
    """The engine modules ``source`` imports, at module level or inside functions (not under TYPE_CHECKING)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _guarded_by_type_checking(child):
                for orelse in child.orelse:
                    visit(orelse)
                continue  # annotations only: nothing is imported when the program runs
            if isinstance(child, ast.ImportFrom):
                if child.level == 1 and child.module:
                    found.add(child.module.split(".")[0])
                elif child.level == 1:
                    found.update(alias.name for alias in child.names)
                elif child.level == 0 and (child.module or "").startswith("hisolver_core.mathengine."):
                    found.add((child.module or "").split(".")[2])
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("hisolver_core.mathengine."):
                        found.add(alias.name.split(".")[2])
            visit(child)

    visit(ast.parse(source))
    return found & modules


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module name -> the sibling modules it imports, for every module of ``package``."""
    modules = {p.stem for p in package.glob("*.py")}
    return {p.stem: imported_siblings(p.read_text(encoding="utf-8"), modules) - {p.stem} for p in package.glob("*.py")}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or None when the graph is acyclic."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                cycle = walk(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = walk(start)
            if cycle:
                return cycle
    return None


def test_the_engine_has_no_import_cycle():
    graph = import_graph(PACKAGE)
    assert len(graph) > 30 and graph["engine"]  # the whole package was read
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_late_and_absolute_imports_count_and_type_checking_ones_do_not():
    modules = {"a", "b", "c", "d"}
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import b\n"
        "if TYPE_CHECKING:\n"
        "    from .c import Thing\n"
        "def f():\n"
        "    from .d.inner import g\n"
        "    import hisolver_core.mathengine.c\n"
    )
    assert imported_siblings(source, modules) == {"b", "c", "d"}
    assert imported_siblings("if TYPE_CHECKING:\n    from .c import X\n", modules) == set()


def test_a_cycle_is_found_and_named():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    # the story cycle this test found: the families import story.py, which imported them late
    assert find_cycle({"story": {"ratios"}, "ratios": {"story"}}) == ["ratios", "story", "ratios"]
