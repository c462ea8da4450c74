"""Interpreting a number in a model: the option that states its role, or a decline."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve

KAYAK = r"The equation $C=8+15h$ gives the cost $C$, in dollars, of renting a kayak for $h$ hours. "
GARDEN = r"The height $g$, in inches, of a tomato plant $w$ weeks after it was planted is modeled by $g=3.5w+4$. "
TOWN = r"The population of a village $t$ years after 2015 is modeled by the function $P(t)=2,400(1.05)^{t}$. "
POOL = r"The equation $V=1,200-40m$ gives the volume $V$, in gallons, of water in a pool $m$ minutes after a pump starts to empty it. "


@pytest.mark.parametrize(
    "problem, options, letter",
    [
        (
            KAYAK + "What is the best interpretation of 15 in this context?",
            [
                "(A)The cost of renting the kayak without using it",
                "(B)The cost increases by $\\$ 15$ for each additional hour",
                "(C)The cost increases by $\\$ 15$ for each additional day",
                "(D)The total cost of a 15-hour rental",
            ],
            "B",
        ),
        (
            KAYAK + "What does the number 8 represent in the equation?",
            [
                "(A)The cost per hour",
                "(B)The fixed cost charged before the kayak is used",
                "(C)The number of hours",
                "(D)The total cost",
            ],
            "B",
        ),
        (
            GARDEN + "What is the best interpretation of 4 in this context?",
            [
                "(A)The plant grows 4 inches each week.",
                "(B)The plant was 4 inches tall when it was planted.",
                "(C)The plant grows 3.5 inches every 4 weeks.",
                "(D)The plant is 4 inches tall after 3.5 weeks.",
            ],
            "B",
        ),
        (
            TOWN + "Which of the following is the best interpretation of 1.05 in this context?",
            [
                "(A)The population increases by 1.05 people each year.",
                "(B)The population increases by $5 \\%$ each year.",
                "(C)The population increases by $105 \\%$ each year.",
                "(D)The population in 2015 was 1.05 thousand.",
            ],
            "B",
        ),
        (
            TOWN + "Which of the following is the best interpretation of 2,400 in this context?",
            [
                "(A)The population of the village $t$ years after 2015",
                "(B)The increase in the population each year",
                "(C)The population of the village in 2015",
                "(D)The percent increase each year",
            ],
            "C",
        ),
        (
            POOL
            + "What is the best interpretation of the $m$-intercept of the graph of this equation in the $m V$-plane?",
            [
                "(A)The pool initially holds 30 gallons.",
                "(B)Water leaves the pool at 30 gallons per minute.",
                "(C)It takes 30 minutes to empty the pool completely.",
                "(D)The pool holds 40 gallons after 30 minutes.",
            ],
            "C",
        ),
    ],
)
def test_interpretation_picks_the_option_with_the_numbers_role(problem: str, options: list[str], letter: str) -> None:
    sol = solve(problem, options)
    assert sol.solved, sol.reason
    assert sol.choice == letter
    assert sol.topic == "interpreting models"
    assert not any(letter in hint or "option" in hint.lower() for hint in sol.hints[:2])


def test_decay_factor_reads_a_share_of_last_years_value() -> None:
    sol = solve(
        r"The value $V$, in dollars, of a boat $t$ years after it was bought is modeled by $V=30,000(0.9)^{t}$. "
        r"What is the best interpretation of 0.9 in this context?",
        [
            "(A)The value decreases by $90 \\%$ each year.",
            "(B)Each year the value is $90 \\%$ of its value the previous year.",
            "(C)Each year the value is $10 \\%$ of its value the previous year.",
            "(D)The value decreases by $\\$ 0.90$ each year.",
        ],
    )
    assert sol.choice == "B"
    assert [s.latex for s in sol.steps][:2] == ["V=30,000(0.9)^{t}", r"t \to t + 1:\quad V \to 0.9 \cdot V"]


@pytest.mark.parametrize(
    "problem, options",
    [
        # two options state the same role: no single answer
        (
            KAYAK + "What is the best interpretation of 15 in this context?",
            [
                "(A)The cost increases by $\\$ 15$ for each additional hour",
                "(B)Each hour adds $\\$ 15$ to the cost, per hour",
                "(C)The number of hours",
                "(D)The total cost",
            ],
        ),
        # the rate option names another unit
        (
            KAYAK + "What is the best interpretation of 15 in this context?",
            [
                "(A)The cost of renting the kayak without using it",
                "(B)The cost increases by $\\$ 15$ for each additional day",
                "(C)The number of hours",
                "(D)The total cost",
            ],
        ),
        # a number that is not in the model
        (
            KAYAK + "What is the best interpretation of 12 in this context?",
            ["(A)The cost per hour", "(B)A fixed fee", "(C)The number of hours", "(D)The total cost"],
        ),
        # the direction disagrees: the option says the volume increases
        (
            POOL + "What is the best interpretation of 40 in this context?",
            [
                "(A)The volume increases by 40 gallons each minute.",
                "(B)The pool holds 40 gallons.",
                "(C)It takes 40 minutes to empty the pool.",
                "(D)The pool initially holds 40 gallons.",
            ],
        ),
    ],
)
def test_interpretation_declines_when_the_options_do_not_single_one_out(problem: str, options: list[str]) -> None:
    sol = solve(problem, options)
    assert not sol.solved and sol.choice is None


def test_output_counted_in_hundreds_scales_the_rate() -> None:
    sol = solve(
        r"The number of visitors $V$, in hundreds, to a park $t$ years after 2015 is modeled by $V=2.5 t+40$. "
        r"What is the best interpretation of 2.5 in this context?",
        [
            "(A)There were 250 visitors in 2015.",
            r"(B)The number of visitors increases by $2.5 \%$ each year.",
            "(C)The number of visitors increases by 2.5 each year.",
            "(D)The number of visitors increases by 250 each year.",
        ],
    )
    assert sol.choice == "D"
