"""Counting and probability: letter arrangements, a random integer from a set, dice, coins, and the integer
grammar's new predicates; each with the traps a shallow reading gets wrong (answers worked by hand)."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve

ANSWERS = [
    # letters of a word: n! over each repeated letter's count factorial
    ("Determine the number of ways to arrange the letters of the word TOOTH.", "30"),  # 5!/(2!2!)
    ("How many distinct arrangements are there of BANANA?", "60"),  # 6!/(3!2!)
    ("How many distinct five-letter rearrangements of the word ``PLANT'' can I form?", "120"),
    # a random integer from a described set
    ("An integer is chosen at random from 1 through 30, inclusive. What is the probability that it is prime?", "1/3"),
    (
        "A number is randomly selected from 1 through 50, inclusive. What is the probability that the number is a"
        " multiple of 7?",
        "7/50",
    ),
    ("A positive factor of 36 is chosen at random. What is the probability that it is odd?", "1/3"),  # 1, 3, 9
    # dice: every outcome listed
    ("Two fair 6-sided dice are rolled. What is the probability that the sum rolled is 7?", "1/6"),
    ("Two standard dice are rolled. What is the probability that the product is odd?", "1/4"),
    ("A fair 8-sided die is rolled. What is the probability that the number rolled is a perfect square?", "1/4"),
    ("Three fair 6-sided dice are rolled. What is the probability that the sum is 18?", "1/216"),
    # coins: binomial counts
    ("A fair coin is flipped 4 times. What is the probability of getting exactly 2 heads?", "3/8"),  # 6/16
    ("What is the probability that tossing a fair coin 5 times gives at least 4 tails?", "3/16"),  # (5 + 1)/32
    # the integer grammar's new predicates
    ("How many integers between 300 and 400 have the sum of their digits equal to 7?", "5"),  # 304 .. 340
    ("How many positive 2-digit integers have only even digits?", "20"),  # 4 tens digits * 5 units digits
    ("How many whole numbers between 1 and 100 contain exactly one 7?", "18"),  # 77 has two
    ("How many positive integers are factors of 36 and also factors of 24?", "6"),  # the factors of 12
    ("How many perfect cubes have a value between 10 and 900?", "7"),  # 27 .. 729
    ("How many numbers between 1 and 50 (inclusive) are not perfect squares?", "43"),
    ("How many positive multiples of 3 that are less than 100 end with the digit 4?", "3"),  # 24, 54, 84
]


@pytest.mark.parametrize(("problem", "expected"), ANSWERS)
def test_answers(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert str(sol.answer) == expected


def test_steps_show_the_count() -> None:
    sol = solve("Determine the number of ways to arrange the letters of the word TOOTH.")
    assert sol.steps[0].latex == "\\frac{5!}{2! \\cdot 2!} = 30"
    sol = solve("Two fair 6-sided dice are rolled. What is the probability that the sum rolled is 7?")
    assert sol.steps[0].latex == "6^{2} = 36"
    assert "\\frac{6}{36}" in sol.steps[1].latex


TRAPS = [
    # a condition on the letters is not a plain arrangement
    "Determine the number of ways to arrange the letters of the word TOOTH if the two Os must be together.",
    # "6-letter" that is not the word's length
    "How many distinct six-letter rearrangements of the word ``PLANT'' can I form?",
    # a random number with no integer condition is not one of finitely many
    "A number is selected at random from the numbers less than 10. What is the probability that it is even?",
    # unfair dice and coins are not equally likely outcomes
    "Two unfair 6-sided dice are rolled. What is the probability that the sum rolled is 7?",
    "An unfair coin is flipped 4 times. What is the probability of getting exactly 2 heads?",
    # dice with a face count no die has
    "Two fair 7-sided dice are rolled. What is the probability that the sum rolled is 7?",
    # 1000 is a cube: "between 10 and 1000" with the ends in or out disagree
    "How many perfect cubes have a value between 10 and 1000?",
    # the sum of two dice asked of one die
    "A fair 6-sided die is rolled. What is the probability that the sum is 7?",
]


@pytest.mark.parametrize("problem", TRAPS)
def test_traps_decline(problem: str) -> None:
    assert solve(problem).status != "solved"


def test_two_readings_of_between_that_disagree_decline() -> None:
    # "between 2 and 12": with the ends the probability is 1, without them 34/36
    sol = solve("Two fair 6-sided dice are rolled. What is the probability that the sum is between 2 and 12?")
    assert sol.status != "solved"
