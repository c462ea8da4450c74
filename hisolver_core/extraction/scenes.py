"""Find Manim Scene classes in a Python file and cut each into a self-contained snippet.

Everything here reads the source with :mod:`ast`; nothing is imported or run.
A snippet is the scene class plus, in source order, the module-level statements
it needs: imports, constants, helper functions and classes (its local base
classes included), followed transitively, and the module-level calls and
assignments that act on a name it uses (``Triangle.set_default(...)``).
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass, field
from typing import cast

__all__ = [
    "SceneSnippet",
    "ParseResult",
    "parse_source",
    "find_scenes",
    "detect_dialect",
    "statement_digests",
    "SCENE_BASES",
]

# Scene classes of Manim Community, ManimGL and the old 3b1b library.
SCENE_BASES = frozenset(
    {
        "Scene", "ThreeDScene", "MovingCameraScene", "ZoomedScene", "VectorScene",
        "LinearTransformationScene", "SpecialThreeDScene", "GraphScene", "NumberLineScene",
        "SampleSpaceScene", "ReconfigurableScene", "InteractiveScene", "PiCreatureScene",
        "TeacherStudentsScene", "ExternallyAnimatedScene", "VoiceoverScene",
        "Slide", "ThreeDSlide",
    }
)  # fmt: skip

MAX_SOURCE_BYTES = 2_000_000  # larger files are generated data, not scenes


@dataclass
class SceneSnippet:
    """One extracted scene: its class name and self-contained source."""

    scene_name: str
    code: str
    parts: tuple[int, ...] = ()  # indices of the module statements it is made of


@dataclass
class ParseResult:
    """Outcome for one file: snippets found, the file's dialect, or why it was skipped."""

    dialect: str = "unknown"
    snippets: list[SceneSnippet] = field(default_factory=list)
    error: str | None = None
    digests: list[bytes] = field(default_factory=list, repr=False)  # per statement, see statement_digests


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ValueError("binary content (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def parse_source(data: bytes | str) -> ParseResult:
    """Parse one file's bytes and return its scenes, or a result whose ``error`` says why not.

    Never raises for bad input: Python 2 syntax, binary garbage, huge or deeply
    nested files become an ``error`` string.
    """
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_SOURCE_BYTES:
        return ParseResult(error=f"too large ({len(data)} bytes > {MAX_SOURCE_BYTES})")
    try:
        source = _decode(data)
        tree = ast.parse(source)
    except SyntaxError as exc:
        return ParseResult(error=f"SyntaxError: {exc.msg} (line {exc.lineno}); Python 2 or broken code")
    except (ValueError, UnicodeError) as exc:
        return ParseResult(error=f"unreadable: {exc}")
    except (RecursionError, MemoryError):
        return ParseResult(error="too deeply nested to parse")
    try:
        mod = _index(tree)
        snippets = _find(mod, source)
        return ParseResult(dialect=_dialect_of(mod.modules), snippets=snippets, digests=mod.digests)
    except RecursionError:
        return ParseResult(error="too deeply nested to analyse")


# ----------------------------------------------------------------------------- dialect


def _imported_modules(tree: ast.Module) -> list[str]:
    mods: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            mods.append(node.module)
    return mods


def detect_dialect(tree: ast.Module) -> str:
    """Return ``community``, ``manimgl``, ``manimlib_old`` or ``unknown`` from the file's imports."""
    return _dialect_of(_imported_modules(tree))


def _dialect_of(mods: list[str]) -> str:
    tops = {m.split(".")[0] for m in mods}
    if any(m == "manimlib.imports" or m.startswith("manimlib.imports.") for m in mods):
        return "manimlib_old"
    if "big_ol_pile_of_manim_imports" in tops:
        return "manimlib_old"
    if "manimlib" in tops or "manimgl" in tops:
        return "manimgl"
    if "manim" in tops or "manimce" in tops or any(t.startswith("manim_") for t in tops):
        return "community"
    return "unknown"


# ----------------------------------------------------------------------------- statements


def _base_name(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Subscript):  # Generic[...]-style bases
        return _base_name(expr.value)
    return None


def _defined_names(stmt: ast.stmt) -> set[str]:
    """Module-level names a statement binds (compound statements: every binding inside)."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names if a.name != "*"}
    names: set[str] = set()
    stack: list[ast.AST] = [stmt]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue  # their bodies bind local names only
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= _defined_names(node)
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        stack.extend(ast.iter_child_nodes(node))
    return names


_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _drop_docstring(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
    body = node.body
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        node.body = body[1:] or [ast.Pass()]


def _scan(stmt: ast.stmt, modules: list[str]) -> tuple[set[str], bytes]:
    """One pass over a statement: the names it reads and its normalised digest.

    Imported modules are appended to ``modules``. Docstrings are dropped from
    the tree on the way (the source text keeps them). The digest covers every
    node's type, scalar fields and child counts (so the node stream decodes to
    one tree only) and nothing about positions, comments or layout: two
    statements share it exactly when their ASTs, docstrings aside, are equal.
    """
    used: set[str] = set()
    parts: list[str] = []
    stack: list[ast.AST] = [stmt]
    while stack:
        node = stack.pop()
        kind = type(node)
        if isinstance(node, ast.Name):
            if type(node.ctx) is ast.Load:
                used.add(node.id)
        elif isinstance(node, _DEFS):
            _drop_docstring(node)
        elif isinstance(node, ast.Import):
            modules.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.append(node.module)
        parts.append(kind.__name__)
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                parts.append("^")
                stack.append(value)
            elif type(value) is list:
                parts.append(f"[{len(value)}")
                for item in value:
                    if isinstance(item, ast.AST):
                        parts.append("^")
                        stack.append(item)
                    else:
                        parts.append(repr(item))
            else:
                parts.append(repr(value))
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).digest()
    return used, digest


def statement_digests(statements: list[ast.stmt]) -> list[bytes]:
    """The normalised digest of each statement (see :func:`_scan`); docstrings are dropped in place."""
    return [_scan(stmt, [])[1] for stmt in statements]


def _is_main_guard(stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.If):
        return False
    test = stmt.test
    return isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"


def _is_always_kept(stmt: ast.stmt) -> bool:
    """Star imports and ``__future__`` imports: their names cannot be traced, keep them."""
    if isinstance(stmt, ast.ImportFrom):
        return stmt.module == "__future__" or any(a.name == "*" for a in stmt.names)
    return False


def _is_config_assignment(stmt: ast.stmt) -> bool:
    """``config.background_color = ...`` and similar: module-level render configuration."""
    targets: list[ast.expr] = []
    if isinstance(stmt, ast.Assign):
        targets = stmt.targets
    elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        targets = [stmt.target]
    for target in targets:
        node = target
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        if isinstance(node, ast.Name) and node.id == "config" and node is not target:
            return True
    return False


def _segment(lines: list[str], stmt: ast.stmt) -> str:
    """The statement's source, decorators included (offsets are UTF-8 byte columns)."""
    decorators = getattr(stmt, "decorator_list", None) or []
    start = min([stmt.lineno, *(d.lineno for d in decorators)])
    chunk = [line.encode() for line in lines[start - 1 : stmt.end_lineno]]
    end_col = stmt.end_col_offset
    if end_col is not None and chunk[-1][end_col:].strip().startswith(b";"):
        chunk[-1] = chunk[-1][:end_col]  # another statement follows on the same line
    if not decorators and stmt.col_offset:  # ``a = 1; b = 2``: start where the statement starts
        chunk[0] = chunk[0][stmt.col_offset :]
    return b"".join(chunk).decode(errors="replace").rstrip() + "\n"


@dataclass
class _Module:
    stmts: list[ast.stmt]
    defines: list[set[str]]
    uses: list[set[str]]
    by_name: dict[str, list[int]]
    modules: list[str]
    digests: list[bytes]
    acts: list[tuple[int, str]]  # (index, name) of statements that bind nothing and act on a name


def _index(tree: ast.Module) -> _Module:
    stmts = [s for s in tree.body if not _is_main_guard(s)]
    defines = [_defined_names(s) for s in stmts]
    modules: list[str] = []
    scans = [_scan(s, modules) for s in stmts]
    uses = [used for used, _ in scans]
    by_name: dict[str, list[int]] = {}
    for i, names in enumerate(defines):
        for name in names:
            by_name.setdefault(name, []).append(i)
    acts = [(i, subject) for i, s in enumerate(stmts) if (subject := _side_effect_subject(s)) is not None]
    return _Module(stmts, defines, uses, by_name, modules, [digest for _, digest in scans], acts)


def _side_effect_subject(stmt: ast.stmt) -> str | None:
    """The name a module-level statement that binds no name acts on, or None.

    ``Triangle`` in ``Triangle.set_default(stroke_width=20)``, ``np`` in
    ``np.random.seed(0)``, ``Square`` in ``Square.CONFIG["color"] = RED``.
    ``config.x = ...`` is left to :func:`_is_config_assignment`.
    """
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        node: ast.AST = stmt.value.func
    elif isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if not all(isinstance(t, (ast.Attribute, ast.Subscript)) for t in targets):
            return None
        node = targets[0]
    else:
        return None
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    name = node.id if isinstance(node, ast.Name) else None
    return None if name == "config" else name


def _follow(mod: _Module, roots: list[int], keep: set[int]) -> None:
    """Add ``roots`` and the statements they need, transitively, to ``keep``."""
    todo = list(roots)
    while todo:
        i = todo.pop()
        if i in keep and i not in roots:
            continue
        keep.add(i)
        for name in mod.uses[i]:
            for j in mod.by_name.get(name, ()):
                # a later redefinition is only needed when the use runs at call time
                if j not in keep and (j < i or not isinstance(mod.stmts[i], ast.Assign)):
                    todo.append(j)


def _closure(mod: _Module, root: int) -> list[int]:
    """Indices of the statements ``root`` needs, transitively, in source order.

    Besides the definitions it reads, a scene needs the module-level statements
    that act on a name it uses (``Triangle.set_default(...)`` when it draws
    triangles): they change how it renders.
    """
    keep = {i for i, s in enumerate(mod.stmts) if _is_always_kept(s)}
    _follow(mod, [root], keep)
    while mod.acts:
        names = set().union(*(mod.uses[i] | mod.defines[i] for i in keep))
        acting = [i for i, name in mod.acts if i not in keep and name in names]
        if not acting:
            break
        _follow(mod, acting, keep)
    imported = set().union(*(mod.defines[i] for i in keep if isinstance(mod.stmts[i], (ast.Import, ast.ImportFrom))))
    if "config" in imported or any(_is_always_kept(mod.stmts[i]) for i in keep):
        keep |= {i for i, s in enumerate(mod.stmts) if _is_config_assignment(s)}
    return sorted(keep)


# ----------------------------------------------------------------------------- scenes


def _scene_classes(mod: _Module) -> list[int]:
    """Indices of module-level classes that derive from a Manim scene, directly or locally."""
    classes = {s.name: i for i, s in enumerate(mod.stmts) if isinstance(s, ast.ClassDef)}
    memo: dict[str, bool] = {}

    def is_scene(name: str, seen: frozenset[str]) -> bool:
        if name in memo:
            return memo[name]
        if name in seen:
            return False  # inheritance cycle
        stmt = cast(ast.ClassDef, mod.stmts[classes[name]])  # ``classes`` indexes only ClassDefs
        result = False
        for base in stmt.bases:
            bname = _base_name(base)
            if bname is None:
                continue
            if bname in classes and bname != name:
                result = is_scene(bname, seen | {name})
            else:
                result = bname in SCENE_BASES or bname.endswith("Scene")
            if result:
                break
        memo[name] = result
        return result

    return [i for name, i in classes.items() if is_scene(name, frozenset())]


def _has_construct(mod: _Module, index: int, classes: dict[str, int], depth: int = 0) -> bool:
    stmt = mod.stmts[index]
    assert isinstance(stmt, ast.ClassDef)
    for node in stmt.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "construct":
            return True
    if depth > 50:
        return False
    for base in stmt.bases:
        bname = _base_name(base)
        if bname in classes and classes[bname] != index and _has_construct(mod, classes[bname], classes, depth + 1):
            return True
    return False


def find_scenes(tree: ast.Module, source: str) -> list[SceneSnippet]:
    """Return one snippet per scene class that has a ``construct`` (its own or a local base's).

    Base scenes without ``construct`` are not snippets themselves; they appear
    in the snippets of the classes that derive from them.
    """
    return _find(_index(tree), source)


def _find(mod: _Module, source: str) -> list[SceneSnippet]:
    lines = source.splitlines(keepends=True)
    classes = {s.name: i for i, s in enumerate(mod.stmts) if isinstance(s, ast.ClassDef)}
    out: list[SceneSnippet] = []
    seen: set[str] = set()
    for index in _scene_classes(mod):
        stmt = mod.stmts[index]
        assert isinstance(stmt, ast.ClassDef)
        if stmt.name in seen or not _has_construct(mod, index, classes):
            continue
        seen.add(stmt.name)
        parts = _closure(mod, index)
        needed = [mod.stmts[i] for i in parts]
        out.append(SceneSnippet(stmt.name, _join([_segment(lines, s) for s in needed], needed), tuple(parts)))
    return out


def _join(parts: list[str], stmts: list[ast.stmt]) -> str:
    """Join statements PEP 8 style: imports and constants together, two blank lines around defs."""
    out: list[str] = []
    prev_def = False
    for i, (text, stmt) in enumerate(zip(parts, stmts, strict=True)):
        is_def = isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        if i and (is_def or prev_def):
            out.append("\n\n")
        elif (
            i
            and isinstance(stmts[i - 1], (ast.Import, ast.ImportFrom))
            and not isinstance(stmt, (ast.Import, ast.ImportFrom))
        ):
            out.append("\n")
        out.append(text)
        prev_def = is_def
    return "".join(out)
