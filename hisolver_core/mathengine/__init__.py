"""The built-in math engine: SAT-level problems solved and verified with SymPy, no LLM.

Public surface:

- :func:`solve` -> :class:`~hisolver_core.solution.Solution` (declines with a reason when unsure);
- :func:`parse_options` -> ``[(letter, text), ...]``;
- :func:`check_answer` -> :class:`AnswerCheck` ("check my answer");
- :func:`answers_equivalent` -> ``True``/``False``/``None``;
- :func:`solve_with_time_limit` -> :func:`solve` in a child process killed after a time limit.
"""

from .check import AnswerCheck, check_answer
from .engine import solve
from .equivalence import answers_equivalent
from .guarded import solve_with_time_limit
from .problem import parse_options

__all__ = ["solve", "solve_with_time_limit", "parse_options", "check_answer", "AnswerCheck", "answers_equivalent"]
