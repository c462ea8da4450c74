"""The differences reader: how much one value exceeds another, each value answered as a question of its own."""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The measure of an interior angle of a regular hexagon is how many degrees greater than the measure "
            "of an interior angle of a regular pentagon?",
            12,
        ),
        (
            "By how many degrees does the sum of the interior angles of a heptagon exceed the sum of the interior "
            "angles of a pentagon?",
            360,
        ),
        (r"How much greater is $3^4$ than $4^3$?", 17),
        (
            "The sum of the interior angles of a hexagon is how many degrees less than the sum of the interior angles of an octagon?",
            360,
        ),
    ],
)
def test_the_difference_of_two_values_each_answered_on_its_own(text, expected):
    sol = solve(text)
    assert sol.status == "solved"
    assert sol.reader == "differences"
    assert sp.simplify(sol.answer - expected) == 0
    assert any(s.latex.endswith(f"= {expected}") for s in sol.steps)


@pytest.mark.parametrize(
    "text",
    [
        # the comparison word says the first is greater, the values say otherwise
        "The measure of an interior angle of a regular pentagon is how many degrees greater than the measure of an interior angle of a regular hexagon?",
        # a unit of measure the two values need not be in
        "The side of a square of area 36 is how many inches longer than the side of a square of area 16?",
        # a value that refers back, or one the engine cannot answer
        "The area of a square of side 5 is how much greater than that of a square of side 3?",
        "The number of prime numbers less than 10 is how many more than the number of blorks in a zib?",
    ],
)
def test_it_declines_a_difference_it_cannot_read_with_certainty(text):
    assert solve(text).status != "solved"
