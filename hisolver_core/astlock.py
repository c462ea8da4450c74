"""One lock around every ``ast.parse`` in this process.

CPython before 3.13 keeps the AST constructor's recursion depth in state shared
by all threads, so two threads converting parse trees at once can fail with
``SystemError: AST constructor recursion depth mismatch`` (cpython gh-106905 and
its follow-ups). The app parses in several threads: Streamlit's "magic" parses
each page script, the render policy parses scene code in render threads, and
SymPy parses expressions. Locking only our own calls is not enough (a full run
of the suite hit the error in Streamlit's parse of a page while a render thread
checked code), so :func:`install` wraps ``ast.parse`` itself. A parse takes
about a millisecond; the lock costs nothing measurable.
"""

from __future__ import annotations

import ast
import functools
import sys
import threading
from typing import Any

__all__ = ["PARSE_LOCK", "install"]

# Re-entrant: code that holds it (policy.check_code parses and builds a symbol table together) may parse.
PARSE_LOCK = threading.RLock()


def install() -> None:
    """Make ``ast.parse`` take :data:`PARSE_LOCK` (once per process; nothing to do on 3.13+)."""
    if sys.version_info >= (3, 13) or getattr(ast.parse, "_hisolver_locked", False):
        return
    original = ast.parse

    @functools.wraps(original)
    def parse(*args: Any, **kwargs: Any) -> Any:
        with PARSE_LOCK:
            return original(*args, **kwargs)

    parse._hisolver_locked = True  # type: ignore[attr-defined]
    ast.parse = parse
