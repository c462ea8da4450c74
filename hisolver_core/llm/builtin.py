"""The built-in math engine as a backend: always available, always last in the chain."""

from __future__ import annotations

import logging

from ..config import Settings
from ..errors import HiSolverError
from ..solution import UNSUPPORTED, Solution
from .base import Backend, Options

__all__ = ["BuiltinBackend"]

log = logging.getLogger(__name__)


class BuiltinBackend(Backend):
    """Wraps :func:`hisolver_core.mathengine.solve`; never raises for a hard problem."""

    name = "builtin"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def solve(self, problem: str, options: Options | None = None) -> Solution:
        """Return the engine's solution, or ``unsupported`` if the engine broke on this problem.

        Raises :class:`ProblemError` (from the engine) for input it refuses.
        """
        from .. import mathengine

        try:
            # "A) text" lines: the engine's own option format, whatever form the caller used
            listed = [f"{letter}) {text}" for letter, text in options] if options else None
            if self.settings is not None and self.settings.solve_timeout_s > 0:
                # SymPy can hang on an unlucky input: the engine runs in a child it can stop
                solution = mathengine.solve_with_time_limit(
                    problem,
                    listed,
                    time_limit_s=self.settings.solve_timeout_s,
                    max_chars=self.settings.max_problem_chars,
                )
            else:
                solution = mathengine.solve(problem, listed)
        except HiSolverError:
            raise
        except Exception:  # an engine bug must not take the student's answer away
            log.exception("the built-in engine failed on a problem")
            return Solution(problem=problem, status=UNSUPPORTED, reason="the built-in engine failed on this problem")
        solution.backend = self.name
        return solution
