"""Change stories: one owner's count through gains and losses, and the stories that must not be read as one.

Stories marked SVAMP are quoted from the SVAMP test set (../shared/data/svamp_test.jsonl), the development
set for word problems; the answers are worked by hand beside each one.
"""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.change_stories import change_story
from hisolver_core.mathengine.problem import analyze
from hisolver_core.mathengine.story import story_text

ANSWERS = [
    # SVAMP: 19 - 2
    ("Bobby had 19 pieces of candy. He ate 2 pieces of candy. How many pieces of candy does he still have left?", "17"),
    # SVAMP: x - 17 + 10 = 7
    (
        "Edward spent $ 17. Then he received $ 10 from his friend. Now he has $ 7. How much did Edward have before he"
        " spent his money?",
        "14",
    ),
    # SVAMP: x + 2 = 41
    (
        "Some children were riding on the bus. At the bus stop 2 more children got on the bus. Then there were 41"
        " children altogether on the bus. How many children were riding on the bus before the bus stop?",
        "39",
    ),
    # SVAMP: 87 + 18
    (
        "There are 87 bird families living near a mountain. If 18 new bird families joined them. How many bird"
        " families live near the mountain now?",
        "105",
    ),
    ("A shop had 50 apples. It sold 20 apples on Monday. How many apples does it have left?", "30"),
    ("Mia had 4 stickers. She found some stickers. Now she has 11 stickers. How many stickers did she find?", "7"),
]


@pytest.mark.parametrize(("question", "expected"), ANSWERS)
def test_answers(question: str, expected: str) -> None:
    sol = solve(question)
    assert sol.solved, sol.reason
    assert sol.reader == "story"
    assert sol.answer_latex == expected


@pytest.mark.parametrize(
    "question",
    [
        # SVAMP: two people; the sum of everyone's would be 14, Jake's is 9
        "Allan brought 5 balloons and Jake brought 6 balloons to the park. Jake then bought 3 more balloons at the"
        " park. How many balloons did Jake bring to the park?",
        # SVAMP: "while 15 customers left he got 14": 15 is not what he got
        "A waiter had 12 customers. While 15 customers left he got 14 new customers. How many customers does he still"
        " have?",
        # SVAMP: bought *for* money: a price, not a gain of money
        "Dan has $ 7. He bought a candy bar for $ 2 and a chocolate for $ 3. How much money is left?",
        # SVAMP: two kinds asked together
        "A farmer had 175 tomatoes and 77 potatoes in his garden. If he picked 172 potatoes. How many tomatoes and"
        " potatoes does he have left?",
        # SVAMP: "did he have" with no "now": the start or the end
        "Josh had some marbles in his collection. He lost 21 marbles. If he has 12 marbles now. How many marbles did he"
        " have in his collection?",
        "There are 3 spiders. How many spider legs are there?",  # a modifier is not the kind asked
        "Sara has 192 golf balls. How many dozen golf balls does she have?",  # a unit of twelve
        "There are 5 flowers and 3 bees. How many fewer bees are there than flowers?",  # no change: a comparison
        "Mia had 10 stickers. She gave 3 stickers to Leo. How many stickers does Leo have?",  # someone else's count
        "Mia had 10 stickers. She received some stickers. Now she has 4 stickers. How many stickers did she receive?",
        # SVAMP: two eatings; "at the start" is not the start count (22) but which eating: not read
        "Bobby had 22 pieces of candy. He ate some pieces of candy. Then he ate 5 more. If he still has 8 pieces of"
        " candy left. How many pieces of candy had he eaten at the start?",
    ],
)
def test_not_read_as_a_change_story(question: str) -> None:
    assert change_story(story_text(analyze(question))) is None


def test_every_number_must_be_used() -> None:
    """SVAMP: the 4 marbles at the start play no part in "how many more did he lose than find": the change-story
    reader declines it; the comparison reader, which matches each side to one number, answers 16 - 8."""
    problem = (
        "Josh had 4 marbles in his collection. He lost 16 marbles and found 8 new ones. How many more marbles did he"
        " lose than those he found?"
    )
    assert change_story(story_text(analyze(problem))) is None
    sol = solve(problem)
    assert sol.reader == "comparisons" and sol.answer_latex == "8"
