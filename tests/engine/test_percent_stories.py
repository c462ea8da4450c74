"""One amount and one percent (``percent_stories.py``): a whole from its part, before or after a change, a rest.

Items marked MATH or MMLU are quoted from those test sets (../shared/data/); answers worked by hand.
"""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve

ANSWERS = [
    # after a change, asked before: divide by the factor
    (
        "A shirt's sale price is marked $\\$14.40$, which is $60\\%$ off the original price. How many dollars was the"
        " original price of the shirt?",
        "36",
    ),  # MATH: 14.40 / 0.4
    (
        "Because of redistricting, Liberty Middle School's enrollment increased to 598 students. This is an increase"
        " of $4\\%$ over last year's enrollment. What was last year's enrollment?",
        "575",
    ),  # MATH: 598 / 1.04
    # before a change, asked after: multiply
    ("Molly got a haircut for $25 and she left a 15% tip. What was Molly's final cost?", "28.75"),  # MMLU
    (
        "The original price of a new bicycle is $138.00. If the bicycle is marked down 15%, what is the new price?",
        "117.3",
    ),
    # a part and its percent, asked the whole
    (
        "Kate has a coin collection. She keeps 7 of the coins in a box, which is only 5% of her entire collection."
        " What is the total number of coins in Kate's coin collection?",
        "140",
    ),  # MMLU
    # the rest after a percent
    (
        "When Marika bought her house she paid $80\\%$ of the purchase price of the house with a loan. She paid the"
        " remaining $\\$49,400$ of the purchase price with her savings. What was the purchase price of her house?",
        "247000",
    ),  # MATH: 49,400 / 0.2
    (
        "In an orchestra, $60\\%$ of the musicians play string instruments, and the remainder play woodwind, brass,"
        " or percussion instruments. If the orchestra has 130 members, how many musicians do not play string"
        " instruments?",
        "52",
    ),  # MATH: 130 * 0.4
]


@pytest.mark.parametrize(("problem", "expected"), ANSWERS)
def test_answers(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert sol.reader == "percent_stories"
    assert sol.answer_latex == expected


TRAPS = [
    # change words of both directions (a discount and a tax)
    "Skates that normally cost $110.99 are offered at a 10% discount, not including tax. How much will the skates"
    " cost with the discount?",
    # a question about neither the whole nor the changed amount: the discount itself
    "The price of a shirt is $20. It is discounted by 25%. What is the discount?",
    # a third number
    "A shirt costs $20. Tom buys 3 shirts at 25% off. What is the new price?",
    # two percents
    "A price of $50 is raised 10% and then cut 20%. What is the new price?",
    # a count of things that is not whole
    "A class has 7 girls, which is 40% of the whole class. How many students are in the whole class?",
]


@pytest.mark.parametrize("problem", TRAPS)
def test_traps_are_not_answered(problem: str) -> None:
    sol = solve(problem)
    assert sol.status != "solved" or sol.reader != "percent_stories", sol.answer_latex
