"""``solve_with_time_limit``: the engine in a child process that is killed when it runs too long.

SymPy has no cancellation, and a rare input can make it grind for minutes. The
app calls this instead of :func:`solve` where a stuck request would hurt: on
Linux the child is forked (SymPy already imported, so it starts in
milliseconds); elsewhere the engine runs in-process with no limit.

Forking a multi-threaded server copies only the calling thread; a lock another
thread held at that moment stays held in the child. The locks a solve touches
(imports, logging) are reset by CPython after a fork; anything else that
blocked would show up as the time limit expiring, a declined problem, never a
hang. (A fork server or spawn would avoid the copy, but both re-import the
caller's main module, which for the Streamlit server is its own script.)
"""

from __future__ import annotations

import logging
import multiprocessing as mp

from ..solution import Solution
from .build import declined
from .engine import DEFAULT_MAX_CHARS, solve

log = logging.getLogger(__name__)

__all__ = ["solve_with_time_limit"]


def _child(conn, problem: str, options, max_chars: int) -> None:
    try:
        conn.send(("ok", solve(problem, options, max_chars=max_chars)))
    except Exception as exc:  # ProblemError and anything unexpected go back to the parent
        conn.send(("error", exc))
    finally:
        conn.close()


def solve_with_time_limit(
    problem: str, options=None, *, time_limit_s: float = 10.0, max_chars: int = DEFAULT_MAX_CHARS
) -> Solution:
    """Like :func:`solve`, but give up after ``time_limit_s`` seconds with an ``unsupported`` solution.

    Raises :class:`ProblemError` for empty or over-long input, as :func:`solve` does.
    """
    if "fork" not in mp.get_all_start_methods():
        return solve(problem, options, max_chars=max_chars)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, problem, options, max_chars), daemon=True)
    proc.start()
    child.close()
    try:
        if parent.poll(time_limit_s):
            kind, payload = parent.recv()
            if kind == "error":
                raise payload
            return payload
        log.warning("engine stopped after %.1fs on %r", time_limit_s, str(problem)[:120])
        return declined(str(problem), f"The engine took longer than {time_limit_s:g} seconds, so it stopped.")
    except EOFError:
        return declined(str(problem), "The engine stopped unexpectedly on this problem.")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(timeout=5)
        parent.close()
