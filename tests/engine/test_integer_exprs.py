"""Integer sets whose conditions are written as math in the question's variable ("$\\frac{12}{n}$ is an integer").

Questions marked MATH are quoted from the MATH test set (../shared/data/math_test.jsonl); the expected
answers are worked by hand below each one.
"""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.integer_exprs import expr_condition, relation_condition
from hisolver_core.mathengine.integer_phrases import ADJECTIVES, Unread

ANSWERS = [
    # MATH: 12/n is an integer for n = +-1, +-2, +-3, +-4, +-6, +-12, which sum to 0
    ("Find the sum of all integers $n$ such that $\\dfrac{12}{n}$ is also an integer.", "0"),
    # MATH: x + 1 = -12 is the least divisor of 12, so x = -13
    ("What is the smallest possible integer value of $x$ if $12\\div(x+1)$ is an integer?", "-13"),
    # MATH: (n+1)/(13-n) = -1 + 14/(13-n); a positive prime only at n = 12 (value 13)
    ("What is the only integer value of $n$ for which $\\frac{n+1}{13-n}$ is a positive prime number?", "12"),
    # MATH: 28n divisible by 365 = 5 * 73 with gcd(28, 365) = 1, so n = 365
    ("What is the least positive integer value of $n$ such that $28n$ is divisible by $365$?", "365"),
    # MATH: (x + 2)^2 in (10, 50): x + 2 = 4, 5, 6, 7
    ("For how many positive integers $x$ is $x^2 + 4x + 4$ between 10 and 50?", "4"),
    # MATH: 1 (mod 12) and 4 (mod 5): 49
    (
        "What is the smallest positive integer $n$ such that $n$ has remainder 1 when divided by 3, $n$ has remainder 1"
        " when divided by 4, and $n$ has remainder 4 when divided by 5?",
        "49",
    ),
    ("For how many positive integers $n$ is $\\frac{12}{n}$ an integer?", "6"),  # the positive divisors of 12
    ("What is the sum of all positive integers $n$ such that $n^2$ is a factor of 100?", "18"),  # 1 + 2 + 5 + 10
    ("What is the greatest integer $n$ such that $n^2 - 11n + 24 \\leq 0$?", "8"),  # (n - 3)(n - 8) <= 0
    ("What is the largest integer $x$ such that $\\frac{x}{3}+\\frac{4}{5} < \\frac{5}{3}$?", "2"),  # x < 13/5
    ("What is the smallest positive integer $n$ such that $3n > 20$?", "7"),
    ("For how many integers $n$ is $\\frac{n}{2}+\\frac{1}{n}$ an integer?", "0"),  # n = +-1, +-2 give halves
]


@pytest.mark.parametrize(("question", "expected"), ANSWERS)
def test_answers(question: str, expected: str) -> None:
    sol = solve(question)
    assert sol.solved, sol.reason
    assert sol.reader == "integers"
    assert sol.answer_latex == expected


@pytest.mark.parametrize(
    "question",
    [
        # (n^2 - 1)/(n - 1) = n + 1 wherever it is defined: infinitely many
        "For how many integers $n$ is $\\frac{n^2-1}{n-1}$ an integer?",
        "What is the largest integer $n$ such that $\\frac{12}{n}$ is an integer and $n$ is a multiple of 5?",
        "What is the smallest integer $n$ such that $n^2 > 10$?",  # -oo: no least integer
        "What is the only integer value of $n$ for which $\\frac{12}{n}$ is an integer?",  # twelve of them
        "For how many positive integers $n$ is $n^2 + 1$ a prime number?",  # unbounded: not counted
    ],
)
def test_declined(question: str) -> None:
    sol = solve(question)
    assert not sol.solved or sol.reader != "integers"


def test_undefined_points_fail_the_condition() -> None:
    n = sp.Symbol("n")
    cond = expr_condition((n**2 - 1) / (n - 1), n, None, "e")
    assert not cond.holds(1)  # 0/0 is no integer
    assert cond.holds(2) and cond.holds(-5)


def test_integrality_bound_is_proved_not_guessed() -> None:
    """Every n outside the bound fails; every member inside it is found by the exact test."""
    n = sp.Symbol("n")
    expr = (n**2 + 3 * n + 7) / (n + 2)  # n + 1 + 5/(n + 2): n + 2 divides 5
    cond = expr_condition(expr, n, None, "e")
    assert cond.lo is not None and cond.hi is not None
    members = [k for k in range(-1000, 1000) if cond.holds(k)]
    assert members == [-7, -3, -1, 3]
    assert all(cond.lo <= k <= cond.hi for k in members)


def test_a_bounded_predicate_bounds_the_variable() -> None:
    n = sp.Symbol("n")
    with pytest.raises(Unread):  # positive only: 3^n >= 1 bounds n below, nothing bounds it above
        expr_condition(3**n, n, ADJECTIVES["positive"], "e")
    divides = solve("For how many positive integers $n$ is $3^n$ a factor of 243?")  # 3^n <= 243: n <= 5
    assert divides.solved and divides.answer_latex == "5"
    with pytest.raises(Unread):
        expr_condition(3**n, n, None, "e")  # a symbolic value with no bound to search in


def test_relation_members() -> None:
    n = sp.Symbol("n")
    cond = relation_condition(sp.And(n**2 > 200, n**2 < 900), n, "r")
    assert cond.pool == tuple([*range(-29, -14), *range(15, 30)])


def test_a_near_integer_is_not_an_integer() -> None:
    """e^(pi sqrt 163) is within 10^-12 of an integer: the test is exact, not numeric."""
    from hisolver_core.mathengine.integer_exprs import _as_int

    assert _as_int(sp.exp(sp.pi * sp.sqrt(163))) is None
    assert _as_int(sp.log(8) / sp.log(2)) == 3
