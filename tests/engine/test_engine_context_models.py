"""Story-wrapped models: the story dropped when it only names letters, and quadratic models' extremes."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve

ROCKET = r"The equation $h=-16t^{2}+96t+4$ models the height $h$, in feet, of a model rocket $t$ seconds after it is launched. "
STONE = r"The height $y$, in meters, of a stone $x$ seconds after it is thrown from a cliff is modeled by $y=-5x^{2}+10x+15$. "


@pytest.mark.parametrize(
    "question, answer",
    [
        ("What is the maximum height, in feet, that the rocket reaches?", 148),
        ("According to the model, what is the maximum height, in feet, that the rocket reaches?", 148),
        ("How many seconds after it is launched does the rocket reach its maximum height?", 3),
    ],
)
def test_quadratic_model_extremes(question: str, answer) -> None:
    sol = solve(ROCKET + question)
    assert sol.solved, sol.reason
    assert sol.answer == answer
    assert sol.topic == "quadratic models"


def test_time_to_hit_the_ground_keeps_the_positive_root() -> None:
    sol = solve(STONE + "How many seconds after it is thrown does the stone hit the ground?")
    assert sol.solved, sol.reason
    assert sol.answer == 3


def test_story_that_only_names_letters_is_read_as_math() -> None:
    sol = solve(
        r"Tank A fills in 4 hours and tank B fills in $h$ hours. Working together they fill it in 3 hours. "
        r"The equation $\frac{1}{4}+\frac{1}{h}=\frac{1}{3}$ models this situation. What is the value of $h$ ?",
        ["(A)6", "(B)8", "(C)10", "(D)12"],
    )
    assert sol.choice == "D"


@pytest.mark.parametrize(
    "problem",
    [
        # a minimum asked of a parabola that opens down
        ROCKET + "What is the minimum height, in feet, that the rocket reaches?",
        # a domain in the story
        r"The equation $h=-16t^{2}+96t+4$ models the height $h$, in feet, of a rocket $t$ seconds after launch, for $t \leq 2$. "
        "What is the maximum height, in feet, that the rocket reaches?",
        # a number only the story states
        r"A tank holds 50 gallons. The equation $V=20+5m$ gives the volume $V$ of water in the tank $m$ minutes after filling "
        r"starts. What is the value of $m$ ?",
        # a story word that constrains the answer
        r"The equation $x^{2}=9$ gives the positive side length $x$ of a square tile. What is the value of $x$ ?",
        # the question asks what a number means, not a value
        r"The cost $C$, in dollars, of renting a kayak for $h$ hours is given by $C=12h+8$. "
        "What does the number 8 represent in the equation?",
    ],
)
def test_story_readers_decline_what_they_cannot_vouch_for(problem: str) -> None:
    sol = solve(problem)
    assert not sol.solved, (sol.answer_latex, sol.topic)


@pytest.mark.parametrize(
    "problem, answer",
    [
        (
            r"The number of members $S$ of a new gym $t$ months after it opened can be modeled by the equation $S=300+45 t$. "
            "According to the model, how many months after it opened will the gym have 1,200 members?",
            20,
        ),
        (
            r"The mass $M$, in grams, of a substance remaining $t$ days after a test began is modeled by the function "
            r"$M(t)=96\left(\frac{1}{2}\right)^{\frac{t}{5}}$. According to the model, how many grams of the substance remain "
            "15 days after the test began?",
            12,
        ),
        (
            r"The cost $C$, in dollars, to print $n$ custom posters is given by the function $C(n)=2.5 n+40$. What is the cost "
            "to print 60 posters?",
            190,
        ),
    ],
)
def test_story_model_at_an_input_in_words(problem: str, answer) -> None:
    sol = solve(problem)
    assert sol.solved, sol.reason
    assert sol.answer == answer


@pytest.mark.parametrize(
    "problem",
    [
        # the model counts tickets remaining; the question asks how many were sold
        r"The equation $N=300-6 d$ models the number of tickets $N$ remaining for a show $d$ days after sales began. According "
        "to the model, how many tickets were sold during the first 10 days?",
        # the question multiplies the model ("two posters each")
        r"The cost $C$, in dollars, to print $n$ custom posters is given by $C=2.5 n+40$. What is the cost to print two orders "
        "of 60 posters?",
    ],
)
def test_story_model_declines_other_quantities(problem: str) -> None:
    sol = solve(problem)
    assert not sol.solved, (sol.answer_latex, sol.topic)
