"""Arithmetic asked in words (arith_words.py): rounding, clock hands, lcm and gcd, and the traps it declines.

The problems are written for these tests; the answers are worked by hand (at 7:24 the hour hand is at
210 + 12 = 222 degrees, the minute hand at 144: 78 degrees apart).
"""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve

SOLVED = [
    # rounding to a place named in words or digits
    ("What is 4,372 rounded to the nearest hundred?", None, "4400"),
    (
        "A farm has 12,651 chickens. How many chickens does the farm have, rounded to the nearest thousand?",
        None,
        "13000",
    ),
    ("A jar holds 2.4651 liters of juice. How many liters is that rounded to the nearest tenth?", None, "2.5"),
    ("What is 7,250 rounded to the nearest 100?", ["(A)7,200", "(B)7,300", "(C)7,250", "(D)8,000"], "B"),
    # which option rounds to a given value
    (
        "Rounded to the nearest 100, a crowd was 3,200 people. Which number could be the actual size of the crowd?",
        ["(A)3,140", "(B)3,249", "(C)3,250", "(D)3,301"],
        "B",
    ),
    (
        "A number rounded to the nearest ten is 60. Which number could not be the number before it was rounded?",
        ["(A)55", "(B)58", "(C)64", "(D)65"],
        "D",
    ),
    # clock hands
    ("What is the degree measure of the smaller angle formed by the hands of a clock at 7:24?", None, "78"),
    ("How many degrees are in the obtuse angle formed by the hands of a clock at 5:00?", None, "150"),
    (
        "At 9:45, what is the measure of the acute angle between the hour and minute hands of a clock?",
        None,
        r"\frac{45}{2}",
    ),
    # a set's greatest minus least member; the integer nearest a number written in TeX
    (
        "What is the positive difference between the greatest and the least member of the set "
        "$\\{\\frac{5}{6}, -\\frac{1}{4}, \\frac{2}{3}, 0.75\\}$?",
        None,
        "\\frac{13}{12}",
    ),
    ("The expression $\\sqrt{52}$ is closest to what integer?", None, "7"),
    ("What integer is closest to the value of $\\frac{47}{9}$?", None, "5"),
    # means of groups: two groups combined, one value removed or added
    (
        "The average of 12 apples is 150 grams, and the average of 8 other apples is 200 grams. "
        "What is the average of all 20 apples?",
        None,
        "170",
    ),
    (
        "30 runners average 9 minutes a mile. Another group of 10 runners averages 7. Find the overall average.",
        None,
        "8.5",
    ),
    (
        "The mean of six positive integers is 10. If one of the six integers is removed, the mean becomes 9. "
        "What is the value of the integer that is removed?",
        None,
        "15",
    ),
    (
        "The mean of 4 scores is 80. If a score is added, the mean becomes 82. What is the score that was added?",
        None,
        "90",
    ),
    # lcm and gcd
    ("What is the greatest common factor of 84, 126 and 210?", None, "42"),
    ("What is the least common multiple of the first six positive integers?", None, "60"),
    ("What is the sum of the least common multiple and the greatest common divisor of 12 and 18?", None, "42"),
    ("What is the result when the least common multiple of 4 and 6 is decreased by 5?", None, "7"),
    (
        "The greatest common divisor of two positive integers is 6, and their least common multiple is 180. "
        "If one of the integers is 36, what is the other integer?",
        None,
        "30",
    ),
]


@pytest.mark.parametrize("text, options, expected", SOLVED)
def test_solved(text, options, expected):
    sol = solve(text, options)
    assert sol.status == "solved", sol.reason
    assert sol.reader in (
        "arithmetic",
        "integers",
        "story",
        "geometry",
    )  # clocks are geometry's; integers, story read some first
    assert (sol.choice if options else sol.answer_latex) == expected


def test_clock_steps_show_each_hand():
    sol = solve("What is the degree measure of the smaller angle formed by the hands of a clock at 10:10?")
    assert str(sol.answer) == "115"
    latex = [s.latex for s in sol.steps]
    assert "|305 - 60| = 245" in latex  # each hand's position, then the angle between them


def test_other_of_pair_shows_the_product_rule():
    sol = solve(
        "The least common multiple of two integers is 90 and the greatest common divisor is 3. "
        "Given that one of the integers is 18, what is the other integer?"
    )
    assert str(sol.answer) == "15"
    assert sol.steps[0].latex == "18 x = 90 \\cdot 3"


def test_shift_of_a_sum_starts_from_the_sum():
    sol = solve(
        "What is the sum of the least common multiple and the greatest common divisor of 12 and 18 increased by 3?"
    )
    assert str(sol.answer) == "45"
    assert "42 + 3 = 45" in [s.latex for s in sol.steps]


TRAPS = [
    # the larger angle is not the smaller one
    ("What is the degree measure of the larger angle formed by the hands of a clock at 2:00?", None, "60"),
    # at 6:00 the hands form a straight angle, not an acute one
    ("What is the measure of the acute angle formed by the hands of a clock at 6:00?", None, None),
    # no second integer has lcm 240 and gcd 24 with 50
    (
        "The least common multiple of two integers is 240, and the greatest common divisor is 24. "
        "Given that one of the integers is 50, what is the other integer?",
        None,
        None,
    ),
    # two numbers in the story: which one is rounded is not said
    ("A shop sold 1,234 apples and 567 pears. What is the number rounded to the nearest hundred?", None, None),
    # the story changes its one number before the question is asked
    (
        "A store had 1,234 apples. It sold half. How many apples were left, rounded to the nearest hundred?",
        None,
        "1200",
    ),
    ("A van drives 2,448 miles a week. How many miles does it drive, rounded to the nearest thousand?", None, "2000"),
    (
        "A pump moved 300.5849 gallons of water in a day. How many gallons did it move in a week, "
        "rounded to the nearest hundredth?",
        None,
        "300.58",
    ),
    # a negative number: 840 would drop the sign
    ("What is -836 rounded to the nearest 10?", None, "840"),
    # rounding down is not rounding to the nearest: 58 rounds down to 50
    (
        "A number rounded down to the nearest ten is 50. Which number could be the number?",
        ["(A)45", "(B)58", "(C)61", "(D)65"],
        None,
    ),
    # another time, or how far one hand moved, is not the angle at the one time given
    ("At 3:20, what is the angle between the hands of a clock 10 minutes later?", None, "20"),
    ("At 3:20, how many degrees has the hour hand of a clock moved since noon?", None, "20"),
    # the other integer times 2 is not the other integer
    (
        "The least common multiple of two integers is 240, and the greatest common divisor is 24. "
        "Given that one of the integers is 48, what is the other integer times 2?",
        None,
        "120",
    ),
    # a halfway number has no one nearest integer; a letter has no value
    ("What integer is closest to $\\frac{9}{2}$?", None, "5"),
    ("What integer is closest to $\\frac{22}{7} + x$?", None, None),
    # a set with a letter in it has no greatest member yet
    (
        "What is the positive difference between the greatest and the least member of the set $\\{3, x, 7\\}$?",
        None,
        "4",
    ),
    # the second group may be part of the first: no "other", and the count asked is not the sum
    (
        "The average of 20 numbers is 30, and the average of 10 numbers is 20. What is the average of all 25 numbers?",
        None,
        None,
    ),
    ("25 students average 84. On another test, 20 of those students average 66. Find the overall average.", None, "76"),
    # two values removed, not one
    (
        "The mean of six positive integers is 10. If two of the six integers are removed, the mean becomes 9. "
        "What is the value of the integer that is removed?",
        None,
        "15",
    ),
    # two options round to 3,200: no single answer
    (
        "Rounded to the nearest 100, a crowd was 3,200 people. Which number could be the actual size of the crowd?",
        ["(A)3,160", "(B)3,249", "(C)3,250", "(D)3,301"],
        None,
    ),
]


@pytest.mark.parametrize("text, options, wrong", TRAPS)
def test_traps_decline_or_differ(text, options, wrong):
    sol = solve(text, options)
    assert sol.reader != "arithmetic" or sol.status != "solved"
    if wrong is not None and sol.status == "solved":
        assert str(sol.answer) != wrong
