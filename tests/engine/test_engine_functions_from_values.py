"""A linear or quadratic function known only by values or points: its coefficients are solved for first;
an undefined function call is never read as a product."""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve


@pytest.mark.parametrize(
    "problem, options, answer, letter",
    [
        (
            r"The table above shows some values of the linear function $h$. If $h(1)=4$ and $h(3)=10$, what is the value "
            r"of $h(6)$ ?",
            None,
            19,
            None,
        ),
        (
            r"The graph of the linear function $f$ is shown in the $x y$-plane above. If the graph of $f$ passes through the "
            r"points $(1,5)$ and $(3,1)$, what is the value of $f(4)$ ?",
            None,
            -1,
            None,
        ),
        (
            r"In the $x y$-plane, the graph of the linear function $k$ has an $x$-intercept at $(4,0)$ and a $y$-intercept at "
            r"$(0,-2)$. Which of the following defines $k$ ?",
            [r"(A)$k(x)=\frac{1}{2} x-2$", r"(B)$k(x)=-\frac{1}{2} x-2$", "(C)$k(x)=2x-2$", "(D)$k(x)=2x+4$"],
            None,
            "A",
        ),
        (
            r"The table above shows three values of the quadratic function $q$: $q(0)=1, q(1)=2$, and $q(2)=5$. "
            r"Which of the following defines $q$ ?",
            ["(A)$q(x)=x^{2}+1$", "(B)$q(x)=x^{2}+x+1$", "(C)$q(x)=2x+1$", "(D)$q(x)=x^{2}-1$"],
            None,
            "A",
        ),
        (
            r"The graph of the function $f$ is shown above, where $f(x)=a x^{2}-3$ and $a$ is a constant. If the graph "
            r"passes through the point $(2,9)$, what is the value of $a$ ?",
            None,
            3,
            None,
        ),
    ],
)
def test_function_known_by_values(problem, options, answer, letter) -> None:
    sol = solve(problem, options)
    assert sol.solved, sol.reason
    if answer is not None:
        assert sp.simplify(sol.answer - answer) == 0
    if letter is not None:
        assert sol.choice == letter


@pytest.mark.parametrize(
    "problem",
    [
        # f is never defined: f(2) is not 2 times f
        r"If $f(2)=11$, what is the value of $f(9)$ ?",
        r"If $g(3)=6$, what is $g(1)$ ?",
        # one value does not fix a linear function
        r"The linear function $f$ has $f(2)=11$. What is $f(4)$ ?",
        # the table's values are not given
        r"The table above shows some values of $x$ and the corresponding values of the linear function $f$. "
        r"Which of the following defines $f$ ?",
    ],
)
def test_underdetermined_or_undefined_functions_decline(problem: str) -> None:
    sol = solve(problem, ["(A)$f(x)=x+3$", "(B)$f(x)=2x+2$", "(C)$f(x)=3x-1$", "(D)$f(x)=3x+1$"])
    assert not sol.solved, (sol.answer_latex, sol.topic)
