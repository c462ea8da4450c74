"""Chance experiments (dice, coins, numbers from a listed set): the experiment, the ask and the event are
found wherever they stand, and what is left must be filler.

Items marked MATH are quoted from the MATH test set (../shared/data/math_test.jsonl); every answer is
counted by hand (two dice summing to 4: (1,3), (2,2), (3,1), so 3 of 36).
"""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve

ANSWERS = [
    # dice: the sum, the product, the difference, the same number, one die
    (
        "Suppose that we roll two fair 6-sided dice.  What is the probability that the two numbers rolled sum to 4?",
        "1/12",
    ),
    (
        "Suppose we have 2 fair 6-sided dice numbered from 1 to 6.  If we roll them both, what is the probability"
        " that the two numbers shown sum to 7?",
        "1/6",
    ),  # MATH
    (
        "What is the probability that if you roll two fair, standard six-sided dice, the difference between the two"
        " numbers rolled will be 0? Express your answer as a common fraction.",
        "1/6",
    ),  # MATH: the 6 doubles
    (
        "When rolling two fair, standard six-faced dice, what is the probability of rolling the same number on both"
        " dice? Express your answer as a common fraction.",
        "1/6",
    ),  # MATH
    (
        "Four standard six-sided dice are to be rolled. What is the probability that the product of the numbers on"
        " the top faces will be prime? Express your answer as a common fraction.",
        "1/108",
    ),  # MATH: three 1s and one 2, 3 or 5, in 4 places: 12 of 1296
    ("A die is rolled twice. What is the probability that the sum is 12?", "1/36"),
    ("A fair 6-sided die is rolled. What is the probability that the number rolled is a prime number?", "1/2"),
    ("Two standard dice are rolled. What is the probability that the sum is 10 or more?", "1/6"),  # 3 + 2 + 1
    ("Kim rolls two fair 4-sided dice. What is the probability that the product is odd?", "1/4"),  # 2*2 of 16
    # the expected value of the sum
    (
        "Two fair eight-sided dice have their faces numbered from 1 to 8. What is the expected value of the sum of"
        " the rolls of both dice?",
        "9",
    ),  # MATH: 4.5 + 4.5
    # coins
    (
        "Suppose we flip four coins simultaneously: a penny, a nickel, a dime, and a quarter.  What is the"
        " probability that they all come up heads?",
        "1/16",
    ),  # MATH
    ("A fair coin is flipped 7 times. What is the probability that at least 5 of the flips come up heads?", "29/128"),
    ("Three fair coins are tossed. What is the probability of getting exactly 2 tails?", "3/8"),
    # numbers chosen from a listed set
    (
        "Two different numbers are randomly selected from the set $\\{1, 2, 3, 4\\}$ and they are multiplied. What"
        " is the probability that the product is even? Express your answer as a common fraction.",
        "5/6",
    ),  # MATH: only {1, 3} is odd
    (
        "If two numbers are randomly chosen without replacement from $\\{1, 2, 3, 4, 5\\}$, what is the probability"
        " their sum is greater than their product? Express your answer as a common fraction.",
        "2/5",
    ),  # MATH: the 4 pairs with a 1
    (
        "Two distinct numbers are selected at random from the set $\\{2, 3, 5, 7\\}$. What is the probability that"
        " they are both odd?",
        "1/2",
    ),  # 3 of the 6 pairs
]


@pytest.mark.parametrize(("problem", "expected"), ANSWERS)
def test_answers(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert sol.reader == "experiments"
    assert str(sol.answer) == expected


TRAPS = [
    # a condition the event reader does not place: given, first die, at least one, either
    "Two fair 6-sided dice are rolled. What is the probability that the sum is 7 given that the first die shows 3?",
    "Two fair 6-sided dice are rolled. What is the probability that at least one die shows a 6?",
    "Adam rolled two standard six-sided dice once.  What is the probability that he did not roll a prime number on"
    " either die? Express your answer as a common fraction.",
    # not equally likely, or a percent asked for
    "Two unfair 6-sided dice are rolled. What is the probability that the sum is 7?",
    "Tara rolls three standard dice once.  What is the probability that the sum of the numbers rolled will be three"
    " or more?  Express your answer as a percent.",
    # the event names another number of dice than were rolled
    "Three fair dice are rolled. What is the probability that the two numbers rolled sum to 7?",
    # two experiments, or dice rolled twice over
    "A fair die is rolled and a fair coin is flipped. What is the probability that the die shows 6?",
    "Two dice are rolled twice. What is the probability that the sum is 7?",
    # may the same number come twice? not said
    "Two numbers are chosen from the set $\\{1, 2, 3, 4\\}$. What is the probability that their sum is 5?",
    # "they are multiplied" and an event on the sum
    "Two different numbers are randomly selected from the set $\\{1, 2, 3, 4\\}$ and they are multiplied. What is"
    " the probability that the sum is even?",
    # a word outside the filler: the dice are loaded, the number is doubled
    "Two fair 6-sided dice are rolled and the larger number is doubled. What is the probability that the sum is 7?",
    # heads asked of more coins than were flipped
    "A fair coin is flipped 3 times. What is the probability of getting exactly 4 heads?",
]


@pytest.mark.parametrize("problem", TRAPS)
def test_traps_are_not_answered(problem: str) -> None:
    assert solve(problem).status != "solved"


def test_two_readings_of_an_event_that_disagree_decline() -> None:
    # "between 2 and 12": with the ends the probability is 1, without them 34/36
    sol = solve("Two fair 6-sided dice are rolled. What is the probability that the sum is between 2 and 12?")
    assert sol.status != "solved"


def test_steps_count_the_outcomes_and_list_the_favourable_ones() -> None:
    sol = solve(
        "Suppose that we roll two fair 6-sided dice.  What is the probability that the two numbers rolled sum to 4?"
    )
    assert sol.steps[0].latex == "6^{2} = 36"
    assert sol.steps[1].latex == "\\frac{3}{36} = \\frac{1}{12}"
    assert "(1, 3), (2, 2), (3, 1)" in sol.steps[1].text
    sol = solve(
        "Two distinct numbers are selected at random from the set $\\{2, 3, 5, 7\\}$. What is the probability that"
        " they are both odd?"
    )
    assert sol.steps[0].latex == "\\binom{4}{2} = 6"
