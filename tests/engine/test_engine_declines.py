"""Declining: the engine says plainly when it cannot answer, and never raises for bad math."""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.errors import ProblemError
from hisolver_core.mathengine import solve

DECLINED = [
    "Janet's ducks lay 16 eggs per day. She eats three for breakfast. How many are left?",
    "What is the value of $x$ if $x^2 = 4$?",  # two values, one asked
    "hello there",
    "What is $x + y$?",  # nothing fixes x and y
    "A regular hexagon has perimeter $42$. What is the length of one side?",
    "What is $1^{(2^{235423523})} + 2^{10^{9}}$?",  # too large to evaluate safely
    "Solve $\\frac{1}{0} = x$.",
    "The results are graphed below. [asy]draw((0,0)--(1,1));[/asy] What is the slope?",
    "If $x + y = 3$, what is $x$?",  # under-determined
    "Solve $x^{x} = 7$.",
]


@pytest.mark.parametrize("problem", DECLINED)
def test_declines_with_reason(problem: str) -> None:
    sol = solve(problem)
    assert not sol.solved
    assert sol.reason
    assert sol.answer is None and sol.answer_latex is None and sol.choice is None


def test_empty_problem_raises() -> None:
    with pytest.raises(ProblemError):
        solve("   ")


def test_overlong_problem_raises() -> None:
    with pytest.raises(ProblemError):
        solve("x" * 2001)
    with pytest.raises(ProblemError):
        solve("1+1" * 10, max_chars=10)


@pytest.mark.parametrize(
    "problem",
    [
        # a list written with dots inside the math; a factorial SymPy cannot put into a polynomial domain
        "A suitcase lock has 4 dials with the digits $0, 1, 2,..., 9$ on each. How many different settings are "
        "possible if all four digits have to be different?",
        "$12! = 47a001600$, for some digit $a$. What is the value of $a$?",
    ],
)
def test_math_the_solvers_cannot_take_is_a_clear_decline_not_a_crash(problem: str, caplog) -> None:
    sol = solve(problem)
    assert not sol.solved and "could not handle" not in sol.reason
    assert "engine failed" not in caplog.text


@pytest.mark.parametrize(
    "problem",
    [
        # a rounding the story states is content, not how to give the answer (3.35 is asked, never 3.4)
        "A number rounded to the nearest tenth is 3.4. What is the least possible value of the number, to the nearest hundredth?",
        # the integer that rounds to 50 is asked (45), not 50 rounded
        "What is the smallest positive integer that rounds to 50 when rounded to the nearest ten?",
    ],
)
def test_a_rounding_told_in_the_problem_is_never_the_answer_rounded(problem: str) -> None:
    sol = solve(problem)
    assert not sol.solved or sol.answer in (sp.Rational(67, 20), 45)
