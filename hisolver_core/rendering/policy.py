"""Static safety check for untrusted Manim code: an AST allow-list, run before any sandboxed render.

The check is the first of two walls (the sandbox in :mod:`.sandbox` is the
second): it refuses code that imports anything but the listed modules, names
the dangerous builtins, reaches for dunder attributes, or calls NumPy's and
PIL's file functions. It errs on the side of refusing: scraped snippets that
need more than plain Manim are not worth the risk.
"""

from __future__ import annotations

import ast
import threading

from ..errors import RenderError

__all__ = ["check_code", "find_scenes", "ALLOWED_MODULES", "MAX_CODE_CHARS"]

MAX_CODE_CHARS = 200_000

# Top-level modules a snippet may import (sub-modules of these too, except the ones below).
ALLOWED_MODULES = frozenset(
    {"manim", "math", "numpy", "random", "typing", "itertools", "functools", "colour", "__future__",
     "cmath", "fractions", "decimal", "collections", "enum", "copy", "statistics"}
)
# Sub-modules of allowed packages that reach the file system, the OS or native code.
FORBIDDEN_SUBMODULES = ("numpy.ctypeslib", "numpy.f2py", "numpy.distutils", "numpy.testing", "numpy.lib",
                        "numpy.random._pickle", "manim.cli", "manim.__main__", "manim.utils.file_ops",
                        "manim.scene.scene_file_writer", "manim.utils.ipython_magic", "manim._config")

FORBIDDEN_NAMES = frozenset(
    {"open", "exec", "eval", "compile", "__import__", "globals", "locals", "vars", "getattr", "setattr",
     "delattr", "breakpoint", "input", "help", "exit", "quit", "memoryview", "__builtins__", "__loader__",
     "__spec__", "builtins", "os", "sys", "subprocess", "socket", "importlib", "shutil", "ctypes", "pathlib",
     "Path", "io", "pickle", "marshal", "signal", "threading", "multiprocessing", "inspect", "gc",
     "tempfile", "urllib", "requests", "http", "asyncio", "pty", "resource", "runpy", "code", "codecs",
     "file_ops", "error_console", "types", "weakref", "posix", "string", "dataclasses"}
)
# Attribute names refused anywhere (file I/O and escape hatches on otherwise allowed objects).
FORBIDDEN_ATTRS = frozenset(
    {"load", "loads", "save", "savez", "savez_compressed", "savetxt", "loadtxt", "genfromtxt", "fromfile",
     "tofile", "memmap", "fromregex", "DataSource", "ctypes", "ctypeslib", "open", "system", "popen",
     "spawn", "fork", "exec_module", "load_module", "f_globals", "f_locals", "f_back", "f_builtins",
     "gi_frame", "gi_code", "cr_frame", "tb_frame", "co_code", "func_globals", "save_image",
     "file_writer", "write_to_movie", "media_dir", "video_dir", "images_dir", "tex_dir", "text_dir",
     "partial_movie_dir", "output_file", "log_dir", "os", "sys", "tex_template_file", "lib", "eval", "exec",
     "compile", "file_ops", "scene_file_writer", "tex_file_writing", "ipython_magic", "plugins", "cli",
     "TexTemplateFromFile", "upload", "digest_file", "digest_args", "f2py", "distutils", "testing",
     "commands", "capture", "module_ops", "get_module", "scene_classes_from_file", "get_video_metadata"}
)
# TeX primitives that read or write files (LaTeX runs inside the sandbox, but why let it).
TEX_FILE_PRIMITIVES = ("\\input", "\\include", "\\openin", "\\openout", "\\write", "\\read",
                       "\\immediate", "\\special", "\\directlua", "\\catcode", "\\csname")
# Dunder attributes that ordinary scene code uses (``super().__init__(...)``).
ALLOWED_DUNDERS = frozenset({"__init__", "__name__", "__doc__", "__len__", "__iter__", "__call__"})


# One parse at a time in this process: concurrent ast.parse calls from render threads hit a known CPython
# parser bug in one run of the suite; a parse takes about a millisecond, so the lock costs nothing.
_PARSE_LOCK = threading.Lock()


def _parse(code: str) -> ast.Module:
    """``ast.parse(code)`` under the process-wide parse lock (raises what it raises)."""
    with _PARSE_LOCK:
        return ast.parse(code)

def _refuse(node: ast.AST | None, reason: str) -> None:
    where = f"line {node.lineno}: " if node is not None and hasattr(node, "lineno") else ""
    raise RenderError("policy", f"refused by the safety check: {where}{reason}")


def _check_module(node: ast.AST, name: str) -> None:
    top = name.split(".")[0]
    if top not in ALLOWED_MODULES:
        _refuse(node, f"import of {name!r} is not allowed (allowed: {', '.join(sorted(ALLOWED_MODULES))})")
    if any(name == m or name.startswith(m + ".") for m in FORBIDDEN_SUBMODULES):
        _refuse(node, f"import of {name!r} is not allowed")


# Calls and keyword arguments through which Manim reads a file from disk.
FILE_READING_CALLS = frozenset({"ImageMobject", "SVGMobject", "VMobjectFromSVGPath", "SoundFile", "add_sound"})
FILE_KEYWORDS = frozenset({"code_file", "file_name", "filename", "file_path", "sound_file"})


class _Checker(ast.NodeVisitor):
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            _check_module(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            _refuse(node, "relative imports are not allowed")
        _check_module(node, node.module or "")
        for alias in node.names:
            full = f"{node.module}.{alias.name}"
            if alias.name in FORBIDDEN_NAMES or alias.name in FORBIDDEN_ATTRS or alias.name.startswith("_") and alias.name != "*":
                _refuse(node, f"importing {alias.name!r} is not allowed")
            if any(full == m or full.startswith(m + ".") for m in FORBIDDEN_SUBMODULES):
                _refuse(node, f"import of {full!r} is not allowed")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in FORBIDDEN_NAMES:
            _refuse(node, f"use of {node.id!r} is not allowed")
        if node.id.startswith("__") and node.id.endswith("__") and node.id != "__name__":
            _refuse(node, f"use of {node.id!r} is not allowed")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        name = node.attr
        if name.startswith("__") and name.endswith("__") and name not in ALLOWED_DUNDERS:
            _refuse(node, f"access to {name!r} is not allowed")
        if name.startswith("_") and not name.startswith("__"):
            _refuse(node, f"access to the private attribute {name!r} is not allowed")
        if name in FORBIDDEN_ATTRS or name in FORBIDDEN_NAMES:
            # Modules re-export what they import (``dataclasses.inspect``, ``typing.sys``): refuse those names too.
            _refuse(node, f"access to {name!r} is not allowed (file, process or configuration access)")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        # Strings that name dunders are the usual way around attribute checks (getattr is refused anyway).
        if isinstance(node.value, str) and "__" in node.value and any(
            t in node.value for t in ("__class__", "__subclasses__", "__globals__", "__builtins__", "__import__", "__dict__", "__code__")
        ):
            _refuse(node, "strings naming interpreter internals are not allowed")
        if isinstance(node.value, str) and any(t in node.value for t in TEX_FILE_PRIMITIVES):
            _refuse(node, "LaTeX file and shell primitives (\\input, \\write, ...) are not allowed")

    def visit_Global(self, node: ast.Global) -> None:
        _refuse(node, "'global' statements are not allowed")

    def visit_Match(self, node: ast.Match) -> None:
        # Class patterns read attributes by name without an ast.Attribute node
        # (``case object(__class__=c)``), so they would slip past visit_Attribute; scenes never need them.
        _refuse(node, "'match' statements are not allowed")

    def visit_Call(self, node: ast.Call) -> None:
        # Mobjects that read a file named by a string would put any readable file into the video.
        func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if func in FILE_READING_CALLS:
            _refuse(node, f"{func}(...) reads files and is not allowed")
        if func == "Code" and node.args:
            _refuse(node, "Code(...) must be given code_string=..., not a file")
        for keyword in node.keywords:
            if keyword.arg in FILE_KEYWORDS:
                _refuse(node, f"the argument {keyword.arg}= reads files and is not allowed")
        self.generic_visit(node)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        self.generic_visit(node)


def check_code(code: str) -> None:
    """Statically check untrusted Manim code; return None when it may be rendered.

    Raises :class:`RenderError` with kind ``policy`` and a one-line reason
    (with the line number) for syntax errors, oversized code, imports outside
    the allow-list, dangerous builtins, dunder access and file functions.
    """
    if not isinstance(code, str) or not code.strip():
        raise RenderError("policy", "refused by the safety check: the code is empty")
    if len(code) > MAX_CODE_CHARS:
        raise RenderError("policy", f"refused by the safety check: code longer than {MAX_CODE_CHARS} characters")
    try:
        tree = _parse(code)
    except (RecursionError, MemoryError) as exc:
        raise RenderError("policy", "refused by the safety check: the code is nested too deeply") from exc
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        raise RenderError("policy", f"refused by the safety check: syntax error{f' on line {line}' if line else ''}: {getattr(exc, 'msg', exc)}") from exc
    try:
        _Checker().visit(tree)
    except RecursionError as exc:
        raise RenderError("policy", "refused by the safety check: the code is nested too deeply") from exc


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
