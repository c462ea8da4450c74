"""Chains of equal values between made-up units (``exchanges.py``): every statement on the one chain.

Items marked MATH are quoted from the MATH test set (../shared/data/math_test.jsonl); answers worked by hand.
"""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve

ANSWERS = [
    # MATH: 56 drinkets = 24 blinkets = 6 trinkets; the first sentence only sets the scene
    (
        "In the land of Ink, the money system is unique. One Trinket is equal to 4 Blinkets, and 3 Blinkets are"
        " equal to 7 Drinkets. In Trinkets, what is the value of 56 Drinkets?",
        "6",
    ),
    # MATH: 70 alpacas = 28 cats = 12 pandas
    (
        "If 2 cats are as cool as 5 alpacas and 3 pandas are as cool as 7 cats, how many pandas are as cool as 70"
        " alpacas?",
        "12",
    ),
    # written as equations: 42 dips = 12 dops = 16 daps
    ("If 4 daps = 3 dops, and 2 dops = 7 dips, how many daps are equivalent to 42 dips?", "16"),
]


@pytest.mark.parametrize(("problem", "expected"), ANSWERS)
def test_answers(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert sol.reader == "exchanges"
    assert sol.answer_latex == expected


TRAPS = [
    # a statement off the chain asked
    "If 4 daps = 3 dops, and 2 dops = 7 dips, how many daps are equivalent to 42 dops?",
    # two routes between the units (they could disagree)
    "If 4 daps = 3 dops, and 2 dops = 7 dips, and 5 daps = 1 dip, how many daps are equivalent to 42 dips?",
    # a sentence with a number that is not a statement
    "Tom has 3 friends. If 4 daps = 3 dops, how many daps are equivalent to 6 dops?",
]


@pytest.mark.parametrize("problem", TRAPS)
def test_traps_are_not_answered(problem: str) -> None:
    sol = solve(problem)
    assert sol.status != "solved" or sol.reader != "exchanges"


def test_steps_change_one_unit_at_a_time() -> None:
    sol = solve(ANSWERS[2][0])
    assert [s.latex for s in sol.steps[:2]] == ["42 \\times \\frac{2}{7} = 12", "12 \\times \\frac{4}{3} = 16"]
