"""Written-out math asked about a part of its answer: a coefficient, an exponent, a count of integer solutions.

Also the wording that only says how to write the answer ("as a simplified fraction", "assuming x != 0") and a
TeX group around the whole math. Traps must be declined or answered otherwise.
"""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve

ANSWERED = [
    ("Find the coefficient of $x$ when $(1+2x)-2(1+2x+3x^2)$ is simplified.", "-2"),
    ("What is the coefficient of $x^2$ in the expansion of $(x+3)(2x-1)$?", "2"),
    ("What is the coefficient of $x^3$ when $(x+1)^4$ is expanded?", "4"),
    ("What is the coefficient of $y$ in $(x+y)^2$?", "2 x"),  # the other letter stays in the coefficient
    ("When $(x\\sqrt{x^3})^4$ is simplified, what is the exponent of $x$?", "10"),
    ("When $x^2 \\cdot x^3$ is simplified, what is the exponent of $x$?", "5"),
    ("Expand the product ${(2p^2 - 1)(3p^2 + 4)}$.", "6 p^{4} + 5 p^{2} - 4"),  # a TeX group only groups
    ("Write $\\frac{3}{8}+\\frac{7}{8}$ as a simplified fraction.", "\\frac{5}{4}"),
    ("Assuming $x\\ne0$, simplify $\\frac{12}{x \\cdot x} \\cdot \\frac{x^4}{14x}$.", "\\frac{6 x}{7}"),
    ("How many solutions are there for $x$ in the equation $x^2 = -|x|$?", "1"),
    ("For how many positive integer values of $x$ is $x^{-1}>x$?", "0"),  # (0, 1) holds no integer
    ("How many integers $n$ satisfy $n^2 < 0$?", "0"),
    ("How many negative integers are solutions of $x > -4$?", "3"),
]

DECLINED = [
    "What is the coefficient of $x$ in $(x+1)^2/x$?",  # not a polynomial: no coefficients
    "When $x^2 + x^3$ is simplified, what is the exponent of $x$?",  # a sum, not one power of x
    "What is the coefficient of $x^2 y$ in $(x+y)^3$?",  # a monomial in two letters is not read here
    "How many real numbers $x$ satisfy $x > 3$?",  # infinitely many
]


@pytest.mark.parametrize("problem, expected", ANSWERED + [(p, None) for p in DECLINED])
def test_part_asked(problem: str, expected: str | None) -> None:
    sol = solve(problem)
    if expected is None:
        assert not sol.solved, f"answered {sol.answer_latex}"
    else:
        assert sol.solved, sol.reason
        assert sol.answer_latex == expected


def test_coefficient_steps_show_the_expansion() -> None:
    sol = solve("What is the coefficient of $x^2$ in the expansion of $(x+3)(2x-1)$?")
    latex = [s.latex for s in sol.steps]
    assert latex[0] == "(x+3)(2x-1)"
    assert "2 x^{2} + 5 x - 3" in latex[1]
    assert latex[-1] == "2"


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (r"What fraction is the same as \[\frac{1-2+3-4+5}{2-4+6-8+10}?\]", "1/2"),
        (r"What number is equal to $\frac{3}{4} + \frac{1}{8}$?", "7/8"),
        (r"What fraction is $0.\overline{6}$?", "2/3"),
    ],
)
def test_what_fraction_or_number_is_the_same_as_asks_the_value(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert str(sol.answer) == expected


def test_only_one_solution_is_exactly_one_and_find_a_value_asks_the_parameter() -> None:
    sol = solve(r"Find a value for $c$ such that $x^2+6x+c=0$ has only one solution.")
    assert sol.status == "solved" and str(sol.answer) == "9"
    # a x^2 + 8x + 4 = 0 has one solution for a = 4 and for a = 0 (then it is linear): "a value" is not one value
    assert solve(r"Find a value for $a$ such that $ax^2+8x+4=0$ has only one solution.").status != "solved"
