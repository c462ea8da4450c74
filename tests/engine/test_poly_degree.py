"""The degree of a combination of polynomials known only by their degrees."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (r"If $a(s)$ and $b(s)$ are both fifth-degree polynomials in $s$, what is the degree of $a(s)\cdot b(s)$?", 10),
        (
            r"If $f(x)$ is a polynomial of degree 6, and $g(x)$ is a polynomial of degree 2, then what is the degree of "
            r"polynomial $3f(x) - 7g(x)$?",
            6,
        ),
        (
            r"If $f(x)$ is a polynomial of degree 2 and $g(x)$ is a polynomial of degree 3, what is the degree of "
            r"$f(x^3) \cdot g(x^2)$?",
            12,
        ),
        (r"Suppose that $h(x)$ is a polynomial of degree 4. What is the degree of $h(x)^2 + x^3$?", 8),
    ],
)
def test_degree_of_a_combination(problem: str, expected: int) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert sol.reader == "poly_degree" and sol.answer == expected


def test_leading_terms_that_can_cancel_decline() -> None:
    # f - g with both of degree 4: x^4 - x^4 + x = x has degree 1, so the degree is not fixed
    sol = solve(
        r"If $f(x)$ is a polynomial of degree 4 and $g(x)$ is a polynomial of degree 4, what is the degree of "
        r"$f(x) - g(x)$?"
    )
    assert sol.status != "solved"
    assert "cancel" in sol.reason


def test_a_sentence_the_reader_does_not_place_declines() -> None:
    sol = solve(r"If $f(x)$ is a polynomial of degree 3 with integer roots, what is the degree of $f(x) + 1$?")
    assert sol.status != "solved" or sol.reader != "poly_degree"
