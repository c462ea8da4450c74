"""The units reader's two models: start plus rate (a linear model) and joint work (agents times time)."""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.problem import analyze
from hisolver_core.mathengine.units import solve_units


def _answer(text: str):
    sol = solve_units(analyze(text))
    return None if sol is None else sol.answer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the question asks for t, with a unit conversion (feet and inches)
        ("A tree is now 12 feet tall and grows 18 inches a year. In how many years will the tree be 36 feet tall?", 16),
        # a fee plus a price for each: the count bought
        (
            r"An amusement park charges an entry fee of $\$2.25$ plus $\$1.50$ for each ride. If Simon spent a total "
            r"of $\$12.75$, how many rides did he pay for?",
            7,
        ),
        # a shrinking start: the rate's verb gives the sign
        ("A tank now holds 50 gallons and loses 2 gallons an hour. In how many hours will it hold 10 gallons?", 20),
        # the question asks for the total after a count of the rate's unit
        ("A taxi charges $2 plus $3 for each mile. How much does a 4 mile ride cost?", 14),
        # joint work: workers times time per job
        (
            "Six construction workers that work at the same rate can build a house in 1.5 days.  How long does it "
            "take 15 construction workers, working at the same rate, to finish building a house?",
            sp.Rational(3, 5),
        ),
        (
            "Five workers paint four houses in six days. Working at the same rate as these workers, how many "
            "workers are needed to paint 12 houses in three days?",
            30,
        ),
        ("3 pumps fill a tank in 6 hours. How many hours do 2 pumps take to fill the tank?", 9),
        ("Five workers paint four houses in six days. How many houses can 3 workers paint in 10 days?", 4),
        ("10 cows graze a field for 12 days. How many days would the field last 15 cows?", 8),
        # hours and days meet: the time is converted
        ("4 machines finish a job in 2 days. How many hours do 16 machines need for the job?", 12),
    ],
)
def test_linear_and_work_stories(text, expected):
    assert _answer(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # spending cannot reach more money: t would be negative
        "Sam now has $12 and spends $3 a day. In how many days will he have $30?",
        # a verb the model does not know the sign of
        "A tank now holds 50 gallons and gets 2 gallons an hour. In how many hours will it hold 60 gallons?",
        # "plus" after the rate, not before it: the start is not marked the way the model reads it
        r"A park charges $\$1.50$ for each ride plus $\$2.25$ to enter. If Simon spent $\$12.75$, how many rides?",
        # two rates, or a word besides the marker
        "A phone plan costs $25 per month plus $0.10 per text message. How much does it cost for 100 messages?",
        "A tree is now 12 feet tall and grows 18 inches a year. In how many more years will it be 36 feet tall?",
        # no marker for the start: no linear model
        "A tree is 12 feet tall and grows 18 inches a year. In how many years will the tree be 36 feet tall?",
        # a count of rides that is not whole
        r"A park charges an entry fee of $\$2$ plus $\$1.50$ for each ride. If Simon spent $\$12$, how many rides?",
        # joint work: the work counted in one group only ("the job" after "4 houses"), a difference asked, a rate given
        "Five workers paint four houses in six days. How many workers are needed to finish the job in 3 days?",
        "Five people can mow a lawn in 12 hours. How many more people are needed to mow the lawn in just 3 hours?",
        "A machine makes 20 toys per hour. How many hours do 3 machines need to make 120 toys?",
        # things that are no workers: apples ripen at once, not in less time when there are more
        "12 apples ripen in 3 days. How many days do 24 apples take to ripen?",
        # a count of workers that is not whole
        "Five workers paint four houses in six days. How many workers are needed to paint 5 houses in four days?",
    ],
)
def test_linear_and_work_traps_decline(text):
    assert _answer(text) is None


def test_the_linear_solution_sets_up_the_equation_then_solves_it():
    text = "A tree is now 12 feet tall and grows 18 inches a year. In how many years will the tree be 36 feet tall?"
    sol = solve_units(analyze(text))
    assert sol is not None and sol.verified
    assert sol.steps[1].latex.replace(" ", "") == r"\frac{3t}{2}+12=36"
    assert sol.steps[-1].latex == "t = 16"
    assert solve(text).answer == 16


def test_the_work_solution_sets_the_two_groups_equal():
    sol = solve_units(analyze("3 pumps fill a tank in 6 hours. How many hours do 2 pumps take to fill the tank?"))
    assert sol is not None and "x" in sol.steps[1].latex and sol.steps[-1].latex == "x = 9"
