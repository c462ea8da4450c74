"""The student's solve path: problem -> backend chain -> verified Solution -> animation, each solve recorded.

- :mod:`.chain` - :func:`solve_with_chain` tries the configured backends in
  order (retries, circuit breaker, built-in engine last);
- :mod:`.verify` - :func:`verify_solution` checks a model's answer against the engine;
- :mod:`.repair` - :func:`repair_animation` renders a model's Manim code, sending
  render errors back to the model a bounded number of times;
- :mod:`.animate` - :func:`animate` turns a solution, or code a student edited,
  into a video, falling back to a still image of the steps;
- :mod:`.service` - :func:`solve_problem`, :func:`record_solve` and
  :func:`solve_stats` time, keep and summarise the history.

The backends themselves live in :mod:`hisolver_core.llm`.
"""

from .animate import Animation, animate
from .chain import normalize_options, solve_with_chain, suggest_summary
from .repair import RepairOutcome, repair_animation
from .service import SolveOutcome, animate_and_record, record_solve, solve_and_record, solve_problem, solve_stats
from .verify import CONTRADICTED, UNVERIFIED, VERIFIED, Verdict, verify_solution

__all__ = [
    "SolveOutcome",
    "solve_problem",
    "solve_and_record",
    "record_solve",
    "solve_stats",
    "solve_with_chain",
    "suggest_summary",
    "normalize_options",
    "verify_solution",
    "Verdict",
    "VERIFIED",
    "UNVERIFIED",
    "CONTRADICTED",
    "repair_animation",
    "RepairOutcome",
    "Animation",
    "animate",
    "animate_and_record",
]
