"""Static safety check for untrusted Manim code: an AST allow-list, run before any sandboxed render.

The check is the first of two walls (the sandbox in :mod:`.sandbox` is the
second): it refuses code that imports anything but the listed modules, reaches
Python's dangerous builtins, reaches for dunder attributes, or calls the file
functions of the allowed libraries. It decides by what a name resolves to
(:mod:`._scopes`), not by how it is spelled: ``code = Code(...)`` or a parameter
named ``input`` is the snippet's own value; the builtin ``input`` or the module
``code`` is not. Every refusal names its rule and its line.
"""

from __future__ import annotations

import ast
import symtable
from collections.abc import Sequence
from typing import NoReturn

from ..astlock import PARSE_LOCK
from ..errors import RenderError
from ._scopes import Frame, ScriptFacts, bound_before, child_tables, is_plain_parameter, method_self, scope_of

__all__ = ["check_code", "find_scenes", "ALLOWED_MODULES", "MAX_CODE_CHARS"]

MAX_CODE_CHARS = 200_000

# Top-level modules a snippet may import and star-import (sub-modules too, except the ones below).
CORE_MODULES = frozenset(
    {
        "manim",
        "math",
        "numpy",
        "random",
        "typing",
        "itertools",
        "functools",
        "colour",
        "__future__",
        "cmath",
        "fractions",
        "decimal",
        "collections",
        "enum",
        "copy",
        "statistics",
    }
)
# Manim's own dependencies that reach no file or network by themselves once the sub-modules and
# functions below are refused. Import them by name only: a star import would bring their
# read_*/write_* functions in as bare names.
NAMED_ONLY_MODULES = frozenset({"networkx", "manimpango", "scipy"})
ALLOWED_MODULES = CORE_MODULES | NAMED_ONLY_MODULES
# Sub-modules of allowed packages that reach the file system, the network, the OS or native code.
FORBIDDEN_SUBMODULES = (
    "numpy.ctypeslib",
    "numpy.f2py",
    "numpy.distutils",
    "numpy.testing",
    "numpy.lib",
    "numpy.random._pickle",
    "manim.cli",
    "manim.__main__",
    "manim.utils.file_ops",
    "manim.scene.scene_file_writer",
    "manim.utils.ipython_magic",
    "manim._config",
    "networkx.readwrite",
    "networkx.drawing",
    "networkx.utils",
    "networkx.lazy_imports",
    "networkx.conftest",
    "scipy.io",
    "scipy.datasets",
    "scipy.misc",
    "scipy.odr",
    "scipy.conftest",
    "manimpango.cmanimpango",
)

# Names that are Python's builtins or modules: refused where they do not resolve to the snippet's own binding.
FORBIDDEN_NAMES = frozenset(
    {
        "open",
        "exec",
        "eval",
        "compile",
        "__import__",
        "globals",
        "locals",
        "vars",
        "getattr",
        "setattr",
        "delattr",
        "breakpoint",
        "input",
        "help",
        "exit",
        "quit",
        "memoryview",
        "__builtins__",
        "__loader__",
        "__spec__",
        "builtins",
        "os",
        "sys",
        "subprocess",
        "socket",
        "importlib",
        "shutil",
        "ctypes",
        "pathlib",
        "Path",
        "io",
        "pickle",
        "marshal",
        "signal",
        "threading",
        "multiprocessing",
        "inspect",
        "gc",
        "tempfile",
        "urllib",
        "requests",
        "http",
        "asyncio",
        "pty",
        "resource",
        "runpy",
        "code",
        "codecs",
        "file_ops",
        "error_console",
        "types",
        "weakref",
        "posix",
        "string",
        "dataclasses",
        "register_font",
    }
)
# Attribute names refused on anything (file I/O and escape hatches on otherwise allowed objects).
FORBIDDEN_ATTRS = frozenset(
    {
        "load",
        "loads",
        "save",
        "savez",
        "savez_compressed",
        "savetxt",
        "loadtxt",
        "genfromtxt",
        "fromfile",
        "tofile",
        "memmap",
        "fromregex",
        "DataSource",
        "ctypes",
        "ctypeslib",
        "open",
        "system",
        "popen",
        "spawn",
        "fork",
        "exec_module",
        "load_module",
        "f_globals",
        "f_locals",
        "f_back",
        "f_builtins",
        "gi_frame",
        "gi_code",
        "cr_frame",
        "tb_frame",
        "co_code",
        "func_globals",
        "save_image",
        "file_writer",
        "write_to_movie",
        "media_dir",
        "video_dir",
        "images_dir",
        "tex_dir",
        "text_dir",
        "partial_movie_dir",
        "output_file",
        "log_dir",
        "os",
        "sys",
        "tex_template_file",
        "lib",
        "eval",
        "exec",
        "compile",
        "file_ops",
        "scene_file_writer",
        "tex_file_writing",
        "ipython_magic",
        "plugins",
        "cli",
        "TexTemplateFromFile",
        "upload",
        "digest_file",
        "digest_args",
        "f2py",
        "distutils",
        "testing",
        "commands",
        "capture",
        "module_ops",
        "get_module",
        "scene_classes_from_file",
        "get_video_metadata",
        # networkx, scipy and manimpango functions that read, write or load files or plugins
        "open_file",
        "backends",
        "lazy_import",
        "load_npz",
        "save_npz",
        "text2svg",
        "register_font",
        "unregister_font",
        "fc_register_font",
        "fc_unregister_font",
        "LowLevelCallable",
    }
)
# Members of allowed modules refused unless the object is the snippet's own (``self.types`` is fine,
# ``typing.types`` is the types module): re-exported modules and file or test functions.
MODULE_MEMBERS = FORBIDDEN_NAMES | {
    "datasets",
    "test",
    "odr",
    "misc",
    "readwrite",
    "drawing",
    "nx_agraph",
    "nx_pydot",
    "nx_latex",
    "nx_pylab",
}
MODULE_MEMBER_PREFIXES = ("read_", "write_")
# TeX primitives that read or write files (LaTeX runs inside the sandbox, but why let it).
TEX_FILE_PRIMITIVES = (
    "\\input",
    "\\include",
    "\\openin",
    "\\openout",
    "\\write",
    "\\read",
    "\\immediate",
    "\\special",
    "\\directlua",
    "\\catcode",
    "\\csname",
)
# Typst functions that read files or load plugins (checked in the strings of code that uses Typst).
TYPST_FILE_FUNCTIONS = (
    "read(",
    "include",
    "import",
    "plugin(",
    "image(",
    "json(",
    "csv(",
    "yaml(",
    "toml(",
    "xml(",
    "cbor(",
    "sys.inputs",
)
TYPST_NAMES = frozenset({"Typst", "MathTypst", "typst_to_svg_file"})
# Dunder attributes that ordinary scene code uses (``super().__init__(...)``, ``manim.__version__``).
ALLOWED_DUNDERS = frozenset({"__init__", "__name__", "__doc__", "__len__", "__iter__", "__call__", "__version__"})
ALLOWED_DUNDER_NAMES = frozenset({"__name__", "__version__"})

# Calls and keyword arguments through which Manim reads a file from disk.
FILE_READING_CALLS = frozenset({"SVGMobject", "VMobjectFromSVGPath", "SoundFile", "add_sound"})
# These read a file when given a path and take pixels when given an array.
IMAGE_CALLS = frozenset({"ImageMobject", "OpenGLImageMobject"})
FILE_KEYWORDS = frozenset({"code_file", "file_name", "filename", "file_path", "sound_file"})


# One parse at a time in this process (see hisolver_core.astlock: a CPython bug with concurrent parses);
# symtable parses the code again, so it runs under the same lock.
_PARSE_LOCK = PARSE_LOCK


def _parse(code: str) -> ast.Module:
    """``ast.parse(code)`` under the process-wide parse lock (raises what it raises)."""
    with _PARSE_LOCK:
        return ast.parse(code)


def _parse_with_scopes(code: str) -> tuple[ast.Module, symtable.SymbolTable]:
    """The tree and the symbol table of ``code``, both under the parse lock (raises what they raise)."""
    with _PARSE_LOCK:
        return ast.parse(code), symtable.symtable(code, "scene.py", "exec")


def _refuse(node: ast.AST | None, reason: str, rule: str) -> NoReturn:
    where = f"line {node.lineno}: " if node is not None and hasattr(node, "lineno") else ""
    raise RenderError("policy", f"refused by the safety check: {where}{reason} [rule: {rule}]")


def _dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def _module_member(name: str) -> bool:
    return name in MODULE_MEMBERS or name.startswith(MODULE_MEMBER_PREFIXES)


def _check_module(node: ast.AST, name: str) -> None:
    top = name.split(".")[0]
    if top not in ALLOWED_MODULES:
        _refuse(node, f"import of {name!r} is not allowed (allowed: {', '.join(sorted(ALLOWED_MODULES))})", "imports")
    if any(name == m or name.startswith(m + ".") for m in FORBIDDEN_SUBMODULES):
        _refuse(node, f"import of {name!r} is not allowed (it reaches files, the network or native code)", "imports")
    if any(part.startswith("_") for part in name.split(".")[1:]):
        _refuse(node, f"import of the private module {name!r} is not allowed", "imports")


class _Checker(ast.NodeVisitor):
    """Walks the tree scope by scope (module, class bodies, functions) and refuses at the first harm."""

    def __init__(self, tree: ast.Module, table: symtable.SymbolTable) -> None:
        self.facts = ScriptFacts.of(tree)
        self.frames = [Frame("module", [table], tree.body)]
        self.sensitive: set[str] = set()  # methods that rely on their first argument being the object itself
        self.method_refs: list[tuple[ast.AST, str]] = []  # a method reached other than through its own object
        self.own_calls: set[int] = set()  # ``Base.method(self, ...)``: ids of such ``func`` nodes
        self.accessors: set[int] = set()  # ``@name.setter`` over ``def name``: ids of those ``name`` nodes
        self.typst = any(getattr(n, "id", getattr(n, "attr", None)) in TYPST_NAMES for n in ast.walk(tree))

    def check(self) -> None:
        """Check the module; raises RenderError at the first refusal."""
        self._body(self.frames[0].body)
        for node, name in self.method_refs:
            if name in self.sensitive:
                _refuse(
                    node,
                    f"the method {name!r} uses private or module-named attributes of its object, so it "
                    f"may only be reached through that object (self.{name}, super().{name})",
                    "unbound-method",
                )

    # -- scopes ------------------------------------------------------------------------------

    def _body(self, body: list[ast.stmt]) -> None:
        frame = self.frames[-1]
        for index, stmt in enumerate(body):
            frame.index = index
            self.visit(stmt)

    def _in_scope(self, frame: Frame, parts: Sequence[ast.AST]) -> None:
        self.frames.append(frame)
        try:
            for part in parts:
                self.visit(part)
        finally:
            self.frames.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for part in (*node.decorator_list, *node.bases, *node.keywords):
            self.visit(part)
        self.frames.append(Frame("class", child_tables(self.frames[-1], node), node.body))
        try:
            self._body(node.body)
        finally:
            self.frames.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        args = node.args
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, *filter(None, (args.vararg, args.kwarg))]
        outer = [
            *node.decorator_list,
            *args.defaults,
            *filter(None, args.kw_defaults),
            *filter(None, (a.annotation for a in every)),
            *filter(None, (node.returns,)),
        ]
        for deco in node.decorator_list:
            if isinstance(deco, ast.Attribute) and isinstance(deco.value, ast.Name) and deco.value.id == node.name:
                self.accessors.add(id(deco.value))  # the property being extended, not a call of its function
        for part in outer:
            self.visit(part)
        self_name, instance = method_self(node, self.frames[-1].kind == "class", self.facts)
        if self_name in self.facts.nonlocals:
            self_name = None
        frame = Frame(
            "function",
            child_tables(self.frames[-1], node),
            self_name=self_name,
            instance=instance,
            method=node.name if self_name else "",
        )
        self._in_scope(frame, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for part in (*node.args.defaults, *filter(None, node.args.kw_defaults)):
            self.visit(part)
        self._in_scope(Frame("function", child_tables(self.frames[-1], node)), [node.body])

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp) -> None:
        first, *rest = node.generators
        self.visit(first.iter)  # evaluated in the enclosing scope
        parts = [first.target, *first.ifs, *rest]
        parts += [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        self._in_scope(Frame("function", child_tables(self.frames[-1], node)), parts)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def _bound(self, name: str) -> bool:
        """True when ``name``, used here, surely reaches a binding the snippet made (not a builtin or a star import)."""
        innermost = len(self.frames) - 1
        for depth in range(innermost, -1, -1):
            frame = self.frames[depth]
            if frame.kind == "module":
                return bound_before(frame, name, self.facts)
            if frame.kind == "class" and depth != innermost:
                continue  # a class body is not visible from the functions inside it
            scope = scope_of(frame, name)
            if scope == "free":
                continue
            if frame.kind == "class" and scope == "local":
                # Used before the class body binds it, a name falls through to the module, then the builtins.
                return bound_before(frame, name, self.facts) or bound_before(self.frames[0], name, self.facts)
            if scope == "local":
                return True
            if scope == "global":
                return bound_before(self.frames[0], name, self.facts)
            return False
        return False

    def _owner(self, base: ast.AST) -> Frame | None:
        """The method frame whose own object ``base`` is (``self`` unrebound, or ``super()`` in a plain method)."""
        if isinstance(base, ast.Call) and isinstance(base.func, ast.Name) and base.func.id == "super":
            frame = self.frames[-1]
            plain = not base.args and not base.keywords and "super" not in self.facts.bindings
            return frame if plain and frame.self_name and frame.instance else None
        if not isinstance(base, ast.Name) or base.id in self.facts.nonlocals:
            return None
        innermost = len(self.frames) - 1
        for depth in range(innermost, 0, -1):
            frame = self.frames[depth]
            if frame.kind == "class":
                if depth == innermost:
                    return None
                continue
            scope = scope_of(frame, base.id)
            if scope == "free":
                continue
            if scope == "local" and frame.self_name == base.id and is_plain_parameter(frame, base.id):
                return frame
            break
        if self.facts.instance_of_own_class(base.id):
            return Frame("function", [], instance=True)  # ``c = Counter()``: an object of the snippet's own class
        return None

    def _note_sensitive(self, owner: Frame) -> None:
        # A classmethod's first argument is always a class of its own hierarchy (Python binds it),
        # but a plain method's can be anything when it is called through the class.
        if owner.instance and owner.method:
            self.sensitive.add(owner.method)

    # -- imports -----------------------------------------------------------------------------

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            _check_module(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            _refuse(node, "relative imports are not allowed", "imports")
        module = node.module or ""
        _check_module(node, module)
        for alias in node.names:
            name = alias.name
            if name == "*":
                if module.split(".")[0] not in CORE_MODULES:
                    _refuse(node, f"'from {module} import *' is not allowed; import the names you use", "imports")
                continue
            if (
                name in FORBIDDEN_NAMES
                or name in FORBIDDEN_ATTRS
                or _module_member(name)
                or name.startswith("_")
                and name != "__version__"
            ):
                _refuse(node, f"importing {name!r} is not allowed", "imports")
            full = f"{module}.{name}"
            if any(full == m or full.startswith(m + ".") for m in FORBIDDEN_SUBMODULES):
                _refuse(node, f"import of {full!r} is not allowed", "imports")

    # -- names and attributes ----------------------------------------------------------------

    def visit_Name(self, node: ast.Name) -> None:
        name = node.id
        if _dunder(name) and name not in ALLOWED_DUNDER_NAMES:
            _refuse(node, f"use of {name!r} is not allowed", "dunder")
        if not isinstance(node.ctx, ast.Load):
            return
        if (name in FORBIDDEN_NAMES or name in FORBIDDEN_ATTRS or _module_member(name)) and not self._bound(name):
            # Unbound here, the name is Python's builtin or comes from a star import (numpy's brings ``lib``).
            _refuse(
                node,
                f"use of {name!r} is not allowed: it is Python's builtin or a module, not a name this "
                "code defines before using it",
                "builtins",
            )
        if self.frames[-1].kind == "class" and name in self.facts.methods and id(node) not in self.accessors:
            self.method_refs.append((node, name))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        name = node.attr
        if _dunder(name):
            if name not in ALLOWED_DUNDERS:
                _refuse(node, f"access to {name!r} is not allowed", "dunder")
        elif name in FORBIDDEN_ATTRS:
            _refuse(node, f"access to {name!r} is not allowed (file, process or configuration access)", "file-access")
        else:
            owner = self._owner(node.value)
            if name.startswith("_"):
                if owner is None or name not in self.facts.private_attrs:
                    _refuse(
                        node,
                        f"access to the private attribute {name!r} is not allowed (only the code's own "
                        "attributes on self)",
                        "private",
                    )
                self._note_sensitive(owner)
            elif _module_member(name):
                if owner is None:
                    # Modules re-export what they import (``typing.sys``, ``dataclasses.inspect``).
                    _refuse(
                        node,
                        f"access to {name!r} is not allowed here (a module or file function; fine on self)",
                        "module-members",
                    )
                self._note_sensitive(owner)
            if name in self.facts.methods and not (owner and owner.instance) and id(node) not in self.own_calls:
                self.method_refs.append((node, name))
        self.generic_visit(node)

    # -- statements and literals -------------------------------------------------------------

    def visit_Constant(self, node: ast.Constant) -> None:
        # Strings that name dunders are the usual way around attribute checks (getattr is refused anyway).
        if (
            isinstance(node.value, str)
            and "__" in node.value
            and any(
                t in node.value
                for t in (
                    "__class__",
                    "__subclasses__",
                    "__globals__",
                    "__builtins__",
                    "__import__",
                    "__dict__",
                    "__code__",
                )
            )
        ):
            _refuse(node, "strings naming interpreter internals are not allowed", "dunder")
        if isinstance(node.value, str) and any(t in node.value for t in TEX_FILE_PRIMITIVES):
            _refuse(node, "LaTeX file and shell primitives (\\input, \\write, ...) are not allowed", "tex")
        if self.typst and isinstance(node.value, str) and any(t in node.value for t in TYPST_FILE_FUNCTIONS):
            _refuse(node, "Typst file functions (read, include, import, image, json, ...) are not allowed", "tex")

    def visit_Global(self, node: ast.Global) -> None:
        _refuse(node, "'global' statements are not allowed", "statements")

    def visit_Match(self, node: ast.Match) -> None:
        # Class patterns read attributes by name without an ast.Attribute node
        # (``case object(__class__=c)``), so they would slip past visit_Attribute; scenes never need them.
        _refuse(node, "'match' statements are not allowed", "statements")

    # -- calls -------------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> None:
        # Mobjects that read a file named by a string would put any readable file into the video.
        func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if func in FILE_READING_CALLS:
            _refuse(node, f"{func}(...) reads files and is not allowed", "file-access")
        if func in IMAGE_CALLS:
            source = (
                node.args[0]
                if node.args
                else next((k.value for k in node.keywords if k.arg == "filename_or_array"), None)
            )
            if source is None or not self._is_array(source, set()):
                _refuse(
                    node,
                    f"{func}(...) reads a file unless it is given a NumPy array made here "
                    "(np.uint8(...), np.array(...), or a name assigned only from those)",
                    "file-access",
                )
        if func == "Code" and node.args:
            _refuse(node, "Code(...) must be given code_string=..., not a file", "file-access")
        for keyword in node.keywords:
            if keyword.arg in FILE_KEYWORDS:
                _refuse(node, f"the argument {keyword.arg}= reads files and is not allowed", "file-access")
        first = node.args[0] if node.args else None
        if isinstance(node.func, ast.Attribute) and first is not None:
            owner = self._owner(first)
            if owner is not None and owner.instance:
                self.own_calls.add(id(node.func))  # ``Base.method(self, ...)`` runs on the object itself
        self.generic_visit(node)

    def _is_array(self, expr: ast.AST | None, seen: set[str]) -> bool:
        """True when ``expr`` is surely a NumPy array: a call on the numpy module, or a name bound only to those."""
        if isinstance(expr, ast.Call):
            root = expr.func
            while isinstance(root, ast.Attribute):
                root = root.value
            return root is not expr.func and isinstance(root, ast.Name) and self._is_numpy(root.id)
        if isinstance(expr, ast.Name) and expr.id not in seen:
            bindings = self.facts.bindings.get(expr.id, [])
            seen.add(expr.id)
            return bool(bindings) and all(
                how == "augmented" or how == "value" and self._is_array(value, seen) for how, value in bindings
            )
        return False

    def _is_numpy(self, name: str) -> bool:
        bindings = self.facts.bindings.get(name)
        if not bindings:
            return name == "np"  # what ``from manim import *`` provides
        return all(how == "import" and isinstance(v, ast.Constant) and v.value == "numpy" for how, v in bindings)


def check_code(code: str) -> None:
    """Statically check untrusted Manim code; return None when it may be rendered.

    Raises :class:`RenderError` with kind ``policy`` and a one-line reason
    that names the line and the rule (imports, builtins, dunder, private,
    module-members, file-access, tex, statements, unbound-method, syntax)
    for syntax errors, oversized code, imports outside the allow-list,
    dangerous builtins, dunder access and file functions.
    """
    if not isinstance(code, str) or not code.strip():
        raise RenderError("policy", "refused by the safety check: the code is empty [rule: syntax]")
    if len(code) > MAX_CODE_CHARS:
        raise RenderError(
            "policy", f"refused by the safety check: code longer than {MAX_CODE_CHARS} characters [rule: size]"
        )
    try:
        tree, table = _parse_with_scopes(code)
    except (RecursionError, MemoryError) as exc:
        raise RenderError(
            "policy", "refused by the safety check: the code is nested too deeply [rule: syntax]"
        ) from exc
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        raise RenderError(
            "policy",
            f"refused by the safety check: syntax error{f' on line {line}' if line else ''}: "
            f"{getattr(exc, 'msg', exc)} [rule: syntax]",
        ) from exc
    try:
        _Checker(tree, table).check()
    except RecursionError as exc:
        raise RenderError(
            "policy", "refused by the safety check: the code is nested too deeply [rule: syntax]"
        ) from exc


def find_scenes(code: str) -> list[str]:
    """Return the names of classes that look like Manim scenes (a base whose name ends in ``Scene``).

    Returns an empty list when the code does not parse.
    """
    try:
        tree = _parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    names = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases]
            if any(str(b).endswith("Scene") for b in bases):
                names.append(node.name)
    return names
