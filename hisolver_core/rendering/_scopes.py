"""Scope analysis for the safety check: what a name in untrusted code resolves to.

The check must tell ``code = Code(...)`` (a variable the snippet made) from the
``code`` module, and ``input`` the snippet's own parameter from the builtin. Python
decides that by scope, so this module does too, with :mod:`symtable` (the
compiler's own scope tables) for functions, and with statement order for module
and class bodies (where a name used before it is bound still reaches the builtin).

Everything here errs towards "not bound": a name counts as the snippet's own only
when every path to its use binds it first.
"""

from __future__ import annotations

import ast
import symtable
from dataclasses import dataclass, field

__all__ = ["Frame", "ScriptFacts", "bound_before", "child_tables", "is_plain_parameter", "method_self", "scope_of"]

# How symtable names the scopes that have no name of their own.
_ANONYMOUS = {
    ast.Lambda: "lambda",
    ast.ListComp: "listcomp",
    ast.SetComp: "setcomp",
    ast.DictComp: "dictcomp",
    ast.GeneratorExp: "genexpr",
}
# Decorators under which the first parameter of a method is still the object itself.
_ACCESSORS = frozenset({"setter", "getter", "deleter"})


@dataclass
class Frame:
    """One scope being checked: the module, a class body, or a function (lambda, comprehension)."""

    kind: str  # "module" | "class" | "function"
    tables: list[symtable.SymbolTable]  # several when symtable's children could not be told apart
    body: list[ast.stmt] = field(default_factory=list)  # module and class: their statements, in order
    index: int = 0  # module and class: the statement being checked now
    self_name: str | None = None  # function: the first parameter when this is a method of a snippet class
    instance: bool = False  # self_name is the instance (plain method, property), not the class (classmethod)
    method: str = ""  # function: its name when it is a method


@dataclass
class ScriptFacts:
    """Facts about the whole snippet, gathered before the check walks it."""

    bindings: dict[str, list[tuple[str, ast.AST | None]]]  # name -> (how, value) for every place that binds it
    unbinds: frozenset[str]  # names deleted or bound by ``except ... as`` somewhere (they may become unbound)
    nonlocals: frozenset[str]  # names some function rebinds in an enclosing function
    private_attrs: frozenset[str]  # ``_name`` attributes the snippet assigns or defines in its classes
    methods: frozenset[str]  # names of functions defined directly in the snippet's class bodies
    calls_make_instances: bool = True  # no class defines __new__/__call__: ``C()`` of a snippet class is a C
    plain_classes: frozenset[str] = frozenset()  # snippet classes that are surely not metaclasses (see _plain)

    def instance_of_own_class(self, name: str) -> bool:
        """True when every binding of ``name`` is ``name = C(...)`` for a plain class C of the snippet."""
        bindings = self.bindings.get(name, [])
        if not bindings or not self.calls_make_instances:
            return False
        for how, value in bindings:
            if not (how == "value" and isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
                return False
            if value.func.id not in self.plain_classes:
                return False
        return True

    @classmethod
    def of(cls, tree: ast.Module) -> ScriptFacts:
        """Return the facts of ``tree`` (one walk)."""
        bindings: dict[str, list[tuple[str, ast.AST | None]]] = {}
        handled: set[int] = set()
        unbinds: set[str] = set()
        nonlocals: set[str] = set()
        private: set[str] = set()
        methods: set[str] = set()
        makes_others = False  # a __new__ (or a metaclass __call__) may make ``C()`` return something else
        bases: dict[str, list[list[ast.expr]]] = {}

        def bind(name: str, how: str, value: ast.AST | None = None) -> None:
            bindings.setdefault(name, []).append((how, value))

        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                bind(node.targets[0].id, "value", node.value)
                handled.add(id(node.targets[0]))
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                bind(node.target.id, "augmented")
                handled.add(id(node.target))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        bind(alias.asname, "import", ast.Constant(alias.name))
                    else:
                        bind(alias.name.split(".")[0], "import", ast.Constant(alias.name.split(".")[0]))
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    bind(alias.asname or alias.name, "other")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                plain_class = isinstance(node, ast.ClassDef) and not node.decorator_list and not node.keywords
                if isinstance(node, ast.ClassDef) and plain_class:
                    bases.setdefault(node.name, []).append(node.bases)
                bind(node.name, "property" if _is_property(node) else "class" if plain_class else "other")
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in ("__new__", "__call__"):
                    makes_others = True
            elif isinstance(node, ast.arg):
                bind(node.arg, "other")
            elif isinstance(node, ast.ExceptHandler) and node.name:
                bind(node.name, "other")
                unbinds.add(node.name)
            elif isinstance(node, ast.Nonlocal):
                nonlocals.update(node.names)
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load) and id(node) not in handled:
                bind(node.id, "other")
                if isinstance(node.ctx, ast.Del):
                    unbinds.add(node.id)
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and _private(node.attr):
                private.add(node.attr)
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    for name in _binds(stmt):
                        if _private(name):
                            private.add(name)
                    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        methods.add(stmt.name)
        plain = frozenset(name for name in bases if _plain(name, bindings, bases, set()))
        return cls(
            bindings,
            frozenset(unbinds),
            frozenset(nonlocals),
            frozenset(private),
            frozenset(methods),
            not makes_others,
            plain,
        )


def _plain(name: str, bindings: dict, bases: dict[str, list[list[ast.expr]]], seen: set[str]) -> bool:
    """True when every definition of class ``name`` derives only from plain snippet classes or unbound names.

    An unbound base name is a builtin or a star import; ``type`` and names ending
    in ``Meta``/``Type`` (``enum.EnumMeta``) are metaclasses, whose "instances"
    are classes (through which a method could be called with any first argument).
    Attribute and call bases (``abc.ABCMeta``, ``type(x)``) are not plain either.
    """
    if name in seen or any(how != "class" for how, _ in bindings.get(name, [])):
        return False
    seen = seen | {name}
    for defined in bases.get(name, []):
        for base in defined:
            if not isinstance(base, ast.Name):
                return False
            if base.id in bindings:
                if not _plain(base.id, bindings, bases, seen):
                    return False
            elif base.id == "type" or base.id.endswith(("Meta", "Type")):
                return False
    return True


def _is_property(node: ast.AST) -> bool:
    """True for ``@property def x`` and ``@x.setter def x`` (one decorator, naming the function itself)."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or len(node.decorator_list) != 1:
        return False
    deco = node.decorator_list[0]
    if isinstance(deco, ast.Name):
        return deco.id == "property"
    return (
        isinstance(deco, ast.Attribute)
        and deco.attr in _ACCESSORS
        and isinstance(deco.value, ast.Name)
        and deco.value.id == node.name
    )


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def child_tables(frame: Frame, node: ast.AST) -> list[symtable.SymbolTable]:
    """Return the symbol tables of the scope ``node`` opens inside ``frame``.

    symtable tells its children apart only by name and line, so two lambdas on one
    line both come back; callers then require an answer to hold in every one.
    """
    name = getattr(node, "name", None) or _ANONYMOUS[type(node)]
    return [
        child
        for table in frame.tables
        for child in table.get_children()
        if child.get_name() == name and child.get_lineno() == getattr(node, "lineno", None)
    ]


def scope_of(frame: Frame, name: str) -> str:
    """Return how ``name`` is bound in ``frame``: ``local``, ``free``, ``global``, or ``unknown``."""
    kinds = set()
    for table in frame.tables:
        try:
            symbol = table.lookup(name)
        except KeyError:
            kinds.add("unknown")
            continue
        kinds.add(
            "local"
            if symbol.is_local()
            else "free"
            if symbol.is_free()
            else "global"
            if symbol.is_global()
            else "unknown"
        )
    return kinds.pop() if len(kinds) == 1 else "unknown"


def is_plain_parameter(frame: Frame, name: str) -> bool:
    """True when ``name`` is a parameter of ``frame`` that its body never rebinds or deletes."""
    if not frame.tables:
        return False
    for table in frame.tables:
        try:
            symbol = table.lookup(name)
        except KeyError:
            return False
        if not symbol.is_parameter() or symbol.is_assigned():
            return False
    return True


def method_self(
    node: ast.FunctionDef | ast.AsyncFunctionDef, in_class: bool, facts: ScriptFacts
) -> tuple[str | None, bool]:
    """Return (first parameter, is it the instance) when ``node`` is a method whose first argument is its object.

    That holds with no decorator, under Python's own ``property`` (and its ``.setter``
    on a property) and ``classmethod`` (the class then). Under any other decorator
    (``staticmethod``, one of the snippet's own that could call it with anything, or
    ``property``/``classmethod`` rebound by the snippet) it returns ``(None, False)``.
    """
    params = [*node.args.posonlyargs, *node.args.args]
    if not in_class or not params:
        return None, False
    kinds = set()
    for deco in node.decorator_list:
        if isinstance(deco, ast.Name) and deco.id in ("classmethod", "property") and deco.id not in facts.bindings:
            kinds.add("class" if deco.id == "classmethod" else "instance")
        elif (
            isinstance(deco, ast.Attribute)
            and deco.attr in _ACCESSORS
            and isinstance(deco.value, ast.Name)
            and "property" not in facts.bindings
            and all(how == "property" for how, _ in facts.bindings.get(deco.value.id, [("other", None)]))
        ):
            kinds.add("instance")
        else:
            kinds.add("other")
    if "other" in kinds or len(kinds) > 1:
        return None, False
    return params[0].arg, kinds != {"class"}


def _binds(stmt: ast.stmt) -> set[str]:
    """Names a statement binds whenever it completes (no branches, loops or handlers)."""
    if isinstance(stmt, ast.Assign):
        return {n.id for t in stmt.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) and isinstance(stmt.target, ast.Name):
        return {stmt.target.id} if not isinstance(stmt, ast.AnnAssign) or stmt.value is not None else set()
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, ast.Import):
        return {a.asname or a.name.split(".")[0] for a in stmt.names}
    if isinstance(stmt, ast.ImportFrom):
        return {a.asname or a.name for a in stmt.names if a.name != "*"}
    return set()


def bound_before(frame: Frame, name: str, facts: ScriptFacts) -> bool:
    """True when a statement of the module or class body ``frame`` has surely bound ``name`` before the current one.

    A star import between the binding and the use may rebind it, so it counts as unbinding.
    """
    if name in facts.unbinds:
        return False
    bound = False
    for stmt in frame.body[: frame.index]:
        if isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names):
            bound = False
        elif name in _binds(stmt):
            bound = True
    return bound
