"""Precision traps: a function the problem never defines (``P(11) = 181``) is never read as a product.

Read as ``P * 11 = 181`` these give a confident wrong answer (181/11); the engine must decline
instead, while defined functions, products with lower-case letters and points still work.
"""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.parse import ParseFailure, UndefinedFunction, parse_math

TRAPS = [
    "If $P(11) = 181$, what is the value of $P$?",
    "If P(11) = 181, what is P?",
    "If $A(2) = 10$, what is $A$?",
    "$A(2) = 10$",
    "Solve $N(4) = 20$.",
    "If $f(3) = 12$, what is the value of $f$?",
    "If $g(2) = 8$ and $g(5) = 20$, what is $g$?",
    "If $P(x + 1) = 12$ and $x = 2$, what is the value of $P$?",
    "What is the value of $C(5) + 3$ if $C(5) = 2C$?",
    "If $V(3) = 27$, what is the value of $V$?",
    "The population $P(t)$ is $500$ when $t = 2$: $P(2) = 500$. What is $P$?",
    "If $h(4) = 2$, what is $h + 1$?",
    "If $R(10) = 35$, which of the following is the value of $R$?",
    "If $T\\left(6\\right) = 42$, what is $T$?",
]


@pytest.mark.parametrize("problem", TRAPS)
def test_undefined_function_is_declined(problem: str) -> None:
    sol = solve(problem)
    assert not sol.solved, f"{problem!r} answered {sol.answer_latex}"
    assert sol.answer_latex is None


def test_undefined_function_with_options_picks_nothing() -> None:
    sol = solve("If $P(11) = 181$, what is the value of $P$?", ["(A)11", "(B)16", "(C)181/11", "(D)181"])
    assert not sol.solved
    assert sol.choice is None


def test_decline_says_which_function_is_missing() -> None:
    sol = solve("If $P(11) = 181$, what is the value of $P$?")
    assert "function P" in sol.reason
    assert "formula" in sol.reason


@pytest.mark.parametrize("text", ["P(11) = 181", "A(2)", "f(3) + 1", "N\\left(4\\right) = 20", "Q((2))"])
def test_parser_rejects_undefined_calls(text: str) -> None:
    with pytest.raises(UndefinedFunction):
        parse_math(text)


@pytest.mark.parametrize(
    "problem, expected",
    [
        ("If $P(x) = 3x + 4$, what is $P(2)$?", "10"),
        ("If $A(2) = 10$ and $A(x) = kx$, what is the value of $k$?", "5"),
        ("If $f(x) = x^2 - 6x + 8$, what is $f(2)$?", "0"),
        ("Solve $2(x + 3) = 14$.", "4"),
        ("Expand $3x(x + 2)$.", "3 x^{2} + 6 x"),
    ],
)
def test_defined_functions_and_products_still_answered(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.solved, sol.reason
    assert sol.answer_latex == expected


@pytest.mark.parametrize("text", ["A(1, 2)", "a(b + c)", "2(x + 3)", "x(x - 1) = 6"])
def test_points_and_lower_case_products_parse(text: str) -> None:
    try:
        parse_math(text)
    except UndefinedFunction:  # pragma: no cover - the failure this test guards against
        pytest.fail(f"{text!r} was read as an undefined function")
    except ParseFailure:
        pass  # other readers may still decline; only the function rule is under test


@pytest.mark.parametrize(
    "problem, expected",
    [
        ("What is $8(3) \\div 8$?", "3"),  # was 11/8: "8(3)" read as the mixed number 8 + 3
        ("Find the value of $ : 8[6^2-3(11)]\\div8 + 3$.", "6"),  # MATH test; square brackets group
        ("What is $5(2) + 3(4)$?", "22"),
        ("What is $\\sqrt[3]{27} + [2+1]$?", "6"),
    ],
)
def test_a_number_against_a_bracket_multiplies(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.solved, sol.reason
    assert sol.answer_latex == expected


@pytest.mark.parametrize(
    "problem",
    [
        # SymPy calls gcd(a, b) 1 for letters: read as math it answered 1 (the largest gcd is 40)
        "The sum of two positive integers $a$ and $b$ is 80.  What is the largest possible value of $\\gcd(a,b)$?",
        # LaTeX reads 6^210^2 as 6^2 10^2, a plain reader as 6^(210^2): it answered 1 (225)
        "Compute $\\gcd(6^210^2,15^4)$.",
    ],
)
def test_math_that_sympy_misreads_is_declined(problem: str) -> None:
    assert not solve(problem).solved
