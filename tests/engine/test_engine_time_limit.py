"""solve_with_time_limit: the engine in a child process, stopped when it runs too long."""

from __future__ import annotations

import time

import pytest
import sympy as sp

from hisolver_core.errors import ProblemError
from hisolver_core.mathengine import guarded, solve_with_time_limit


def test_same_answer_as_in_process() -> None:
    sol = solve_with_time_limit("Solve for $x$: $3x + 5 = 20$.", time_limit_s=20)
    assert sol.solved and sol.answer == sp.Integer(5) and sol.steps


def test_problem_errors_come_back() -> None:
    with pytest.raises(ProblemError):
        solve_with_time_limit("   ", time_limit_s=20)


def test_a_stuck_solve_is_stopped(monkeypatch) -> None:
    def stuck(problem, options=None, *, max_chars=2000):
        time.sleep(60)

    monkeypatch.setattr(guarded, "solve", stuck)  # the forked child inherits the patch
    started = time.perf_counter()
    sol = solve_with_time_limit("Solve $x = 1$.", time_limit_s=0.5)
    assert time.perf_counter() - started < 10
    assert not sol.solved and "longer than" in sol.reason
