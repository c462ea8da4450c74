"""The student's solve path: problem -> backend chain -> Solution -> animation, each solve recorded.

- :func:`solve_problem` answers (through the backend chain) and times it;
- :func:`animate` turns a solution, or code a student edited, into a video,
  falling back to a still image of the steps;
- :func:`record_solve` and :func:`solve_stats` keep and summarise the history.
"""

from .animate import Animation, animate
from .service import SolveOutcome, animate_and_record, record_solve, solve_and_record, solve_problem, solve_stats

__all__ = [
    "SolveOutcome",
    "solve_problem",
    "solve_and_record",
    "record_solve",
    "solve_stats",
    "Animation",
    "animate",
    "animate_and_record",
]
