"""Counting the solutions of an inequality: integers when the question says so, never real solutions as integers."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many integers $x$ satisfy $x^2 < 10$?", "7"),  # -3 .. 3
        ("How many positive integer solutions exist for $2(x-3) \\le 5$?", "5"),  # x <= 5.5: 1 .. 5
        ("For how many integers $x$ do we have $\\frac13 < \\frac{x}{6} < \\frac56$?", "2"),  # 2 < x < 5: 3, 4
        ("How many integer solutions exist for $|x| \\le 2$?", "5"),
    ],
)
def test_integer_counts(question: str, expected: str) -> None:
    sol = solve(question)
    assert sol.solved, sol.reason
    assert sol.answer_latex == expected


@pytest.mark.parametrize(
    "question",
    [
        "How many values of $x$ satisfy $x^2 < 10$?",  # every real number in (-sqrt 10, sqrt 10)
        "How many solutions exist for $3x - 1 > 2$?",
    ],
)
def test_real_solutions_are_not_counted_as_integers(question: str) -> None:
    sol = solve(question)
    assert not sol.solved
    assert "infinitely many" in sol.reason
