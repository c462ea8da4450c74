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
    # identical objects in a row: n! over each kind's factorial
    (
        "A gardener wants to plant 3 identical rose bushes and 2 identical tulip bushes in a row. How many distinct"
        " arrangements are possible?",
        "10",
    ),
    (
        "A gardener wants to plant 3 identical rose bushes and 2 identical tulip bushes and 4 identical fern plants in"
        " a row. How many distinct arrangements are possible?",
        "1260",  # 9! / (3! 2! 4!)
    ),
    # handshakes: one per pair
    (
        "12 guests attend a dinner. Everyone shakes hands with everyone else exactly once. How many handshakes take place?",
        "66",
    ),
    # a random integer from a described set
    ("An integer is chosen at random from 1 through 30, inclusive. What is the probability that it is prime?", "1/3"),
    (
        "A number is randomly selected from 1 through 50, inclusive. What is the probability that the number is a"
        " multiple of 7?",
        "7/50",
    ),
    ("A positive factor of 36 is chosen at random. What is the probability that it is odd?", "1/3"),  # 1, 3, 9
    # a number from a set written with dots
    (
        "What is the probability that a randomly chosen number in the set $\\{2, 4, 6, \\ldots, 40\\}$ is divisible"
        " by 3?",
        "3/10",  # 6, 12, ..., 36: 6 of 20
    ),
    # k different integers from a described set: every k-set listed
    (
        "Suppose 2 distinct integers are chosen from 1 through 10, inclusive. What is the probability that they are"
        " both even?",
        "2/9",  # C(5, 2) / C(10, 2)
    ),
    (
        "Two different integers are selected at random from 1 through 6, inclusive. What is the probability that"
        " their sum is 7?",
        "1/5",  # {1, 6}, {2, 5}, {3, 4} of 15
    ),
    (
        "Three distinct integers are chosen from 1 through 6, inclusive. What is the probability that their product"
        " is even?",
        "19/20",  # all odd only for {1, 3, 5}
    ),
    # dice: every outcome listed
    ("Two fair 6-sided dice are rolled. What is the probability that the sum rolled is 7?", "1/6"),
    ("Two standard dice are rolled. What is the probability that the product is odd?", "1/4"),
    ("A fair 8-sided die is rolled. What is the probability that the number rolled is a perfect square?", "1/4"),
    ("Three fair 6-sided dice are rolled. What is the probability that the sum is 18?", "1/216"),
    # coins: binomial counts
    ("A fair coin is flipped 4 times. What is the probability of getting exactly 2 heads?", "3/8"),  # 6/16
    ("What is the probability that tossing a fair coin 5 times gives at least 4 tails?", "3/16"),  # (5 + 1)/32
    # numbers formed from given digits: every number listed and tested
    (
        "How many different three-digit even numbers can be formed using the digits 1, 2, 3 and 4 if digits cannot"
        " be repeated?",
        "12",  # 2 choices of last digit * 3 * 2
    ),
    ("How many two-digit numbers can be formed using the digits 0, 1 and 2 if digits can be repeated?", "6"),  # 0 first
    ("How many two-digit numbers can be formed using the digits 0, 1 and 2 if no digit may be repeated?", "4"),
    (
        "How many three-digit prime numbers can be formed using the digits 1, 3 and 7 if digits cannot be repeated?",
        "3",  # 137, 173, 317 (371 = 7 * 53, 713 = 23 * 31, 731 = 17 * 43)
    ),
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
    sol = solve(
        "How many three-digit numbers can be formed using the digits 2, 5, 8 and 9 if digits cannot be repeated?"
    )
    assert sol.steps[0].latex == "4 \\cdot 3 \\cdot 2 = 24"


TRAPS = [
    # a condition on the letters is not a plain arrangement
    "Determine the number of ways to arrange the letters of the word TOOTH if the two Os must be together.",
    # "6-letter" that is not the word's length
    "How many distinct six-letter rearrangements of the word ``PLANT'' can I form?",
    # a random number with no integer condition is not one of finitely many
    "A number is selected at random from the numbers less than 10. What is the probability that it is even?",
    # two integers that need not differ; an event the grammar does not read; ends in or out disagree
    "Two integers are chosen from 1 through 10, inclusive. What is the probability that they are both even?",
    "Two different integers are chosen from 1 through 10, inclusive. What is the probability that they are"
    " consecutive?",
    "Two different integers are chosen from 1 through 10, inclusive. What is the probability that their sum is"
    " between 3 and 19?",
    # unfair dice and coins are not equally likely outcomes
    "Two unfair 6-sided dice are rolled. What is the probability that the sum rolled is 7?",
    "An unfair coin is flipped 4 times. What is the probability of getting exactly 2 heads?",
    # dice with a face count no die has
    "Two fair 7-sided dice are rolled. What is the probability that the sum rolled is 7?",
    # 1000 is a cube: "between 10 and 1000" with the ends in or out disagree
    "How many perfect cubes have a value between 10 and 1000?",
    # objects in a row that are not all identical, one kind named twice, a condition on the row
    "A gardener wants to plant 3 identical rose bushes and 2 tulip bushes in a row. How many distinct arrangements"
    " are possible?",
    "A gardener wants to plant 3 identical rose bushes and 2 identical rose bushes in a row. How many distinct"
    " arrangements are possible?",
    "A gardener wants to plant 3 identical rose bushes and 2 identical tulip bushes in a row. How many distinct"
    " arrangements are possible if no two tulip bushes are next to each other?",
    # a set whose written end is off its pattern
    "What is the probability that a randomly chosen number in the set $\\{2, 4, 6, \\ldots, 41\\}$ is divisible by 3?",
    # handshakes that are not one per pair
    "12 guests attend a dinner. Everyone shakes hands with everyone else except their partner. How many handshakes"
    " take place?",
    "12 guests attend a dinner. Each person shakes hands with 3 others. How many handshakes take place?",
    # repetition not stated, a digit given twice, more places than digits
    "How many three-digit numbers can be formed using the digits 1, 3 and 7?",
    "How many three-digit numbers can be formed using the digits 1, 1 and 7 if digits cannot be repeated?",
    "How many five-digit numbers can be formed using the digits 1, 3 and 7 if digits cannot be repeated?",
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


READ_BY = [
    # unordered selections: products of binomials
    ("A book club has 9 members. In how many ways can the club select 3 of them to plan a trip?", "84", "selections"),
    (
        "There are 6 poets and 5 painters in a guild. In how many ways can the guild choose 2 poets and 2 painters?",
        "150",
        "selections",
    ),
    (
        "A bakery has 7 different kinds of bread. How many different baskets with 3 different kinds of bread are possible?",
        "35",
        "selections",
    ),
    # a total that is the sum of the groups is placed: 11 = 6 + 5, "4-person" = 2 + 2
    (
        "A guild has 11 artists, 6 poets and 5 painters. In how many ways can it form a 4-person panel consisting of"
        " 2 poets and 2 painters?",
        "150",
        "selections",
    ),
    # "15 cards numbered 1 through 15": the labels are not counts
    (
        "I have 15 cards numbered 1 through 15 in a hat. In how many ways can I select 3 cards, if the order in which"
        " I pick them does not matter?",
        "455",
        "selections",
    ),
    # named offices filled in turn
    (
        "The chess society has 12 members. In how many ways can it choose a president, a secretary and a treasurer"
        " if no member can hold more than one office?",
        "1320",  # 12 * 11 * 10
        "offices",
    ),
    (
        "Our team has 9 members, 4 boys and 5 girls. In how many ways can we pick a captain and a co-captain if we"
        " have no restrictions other than the same person can't hold both offices?",
        "72",  # 9 * 8: the boys and girls only describe the team
        "offices",
    ),
    (
        "The choir has 6 members. In how many ways can we choose a president and a treasurer if members may hold"
        " more than one office?",
        "36",  # 6 * 6
        "offices",
    ),
    # draws from a container without replacement: every set drawn equally likely
    (
        "A bag contains 5 green marbles and 3 yellow marbles. Two marbles are drawn at random. What is the"
        " probability that both are yellow?",
        "3/28",  # C(3, 2) / C(8, 2)
        "draws",
    ),
    (
        "A jar has 2 red and 4 blue marbles. A marble is selected and not replaced, then a second is selected."
        " What is the probability that both are the same color?",
        "7/15",  # (1 + 6) / 15
        "draws",
    ),
    (
        "A box contains 10 cubes, 3 of which are red and 7 of which are green. Three cubes are pulled from the box"
        " at the same time. What is the probability that all 3 cubes are green?",
        "7/24",  # C(7, 3) / C(10, 3) = 35 / 120
        "draws",
    ),
    (
        "Lee has 4 red socks, 2 blue socks and 6 black socks in his drawer. If he randomly selects one of these"
        " socks, what is the probability that it is not a black sock?",
        "1/2",
        "draws",
    ),
    (
        "A bag contains 5 green marbles and 3 yellow marbles. Two marbles are drawn at random. What is the"
        " probability that one marble is green and one is yellow?",
        "15/28",  # 5 * 3 / 28
        "draws",
    ),
    # a list written with dots: its step pattern repeated up to the written end
    ("How many numbers are in the list $ 5, 8, 11, \\ldots, 98, 101 ?$", "33", "integers"),  # (101 - 5) / 3 + 1
    ("How many numbers are in the list $$ 3, 4, 8, 9, 13, 14, \\ldots, 58, 59? $$", "24", "integers"),  # steps 1, 4
    ("How many of the numbers in the list $4, 9, 14, \\ldots, 99$ are even?", "10", "integers"),  # 4, 14, ..., 94
]


@pytest.mark.parametrize(("problem", "expected", "by"), READ_BY)
def test_read_by(problem: str, expected: str, by: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert (str(sol.answer), sol.reader) == (expected, by)


def test_offices_show_the_count() -> None:
    sol = solve(next(p for p, _, by in READ_BY if by == "offices"))
    assert sol.steps[0].latex == "12 \\cdot 11 \\cdot 10 = 1320"


NOT_BY = [
    # order matters: offices and seats are not a plain choice
    (
        "A club has 9 members. In how many ways can the club select a president and 2 of them to sit in a row?",
        "selections",
    ),
    # a restriction the product of binomials does not see
    (
        "There are 6 poets and 5 painters. In how many ways can we choose 2 poets and 2 painters if Ann refuses to serve?",
        "selections",
    ),
    (
        "There are 6 poets and 5 painters. In how many ways can we choose 3 people with at least 1 painter?",
        "selections",
    ),
    # a number that is neither a pool nor a choice
    (
        "There are 6 poets and 5 painters, 2 of whom are brothers. In how many ways can we choose 2 poets and 2 painters?",
        "selections",
    ),
    # more chosen than there are
    ("There are 6 poets and 5 painters. In how many ways can we choose 2 poets and 7 painters?", "selections"),
    # a story, not a count of choices
    (
        "Ann played chess with 4 poets on Monday and with some poets on Tuesday, with 9 poets in total. How many poets"
        " did she play with on Tuesday?",
        "selections",
    ),
    # two pools of balls: choosing 2 balls is C(10, 2), not C(5, 2)
    ("There are 5 red balls and 5 blue balls in a box. In how many ways can we choose 2 balls?", "selections"),
    # each one chosen gets a different role: ordered, not C(n, k)
    (
        "A club has 8 members. In how many ways can I choose 3 of them to receive a gold, a silver and a bronze medal?",
        "selections",
    ),
    (
        "A club has 8 members. In how many ways can I choose 3 of them to be assigned to three different tasks?",
        "selections",
    ),
    (
        "A club has 10 members. In how many ways can we choose 3 of them, one to cook, one to clean and one to shop?",
        "selections",
    ),
    ("A club has 10 members. In how many ways can we choose 3 of them to give to 3 different friends?", "selections"),
    # labels that do not match the count; a condition on the chosen labels
    (
        "I have 15 cards numbered 1 through 14 in a hat. In how many ways can I select 3 cards, if the order in which"
        " I pick them does not matter?",
        "selections",
    ),
    (
        "I have 15 cards numbered 1 through 15 in a hat. In how many ways can I select 3 cards whose numbers are all"
        " odd, if the order in which I pick them does not matter?",
        "selections",
    ),
    # holding two offices not settled: n * (n-1) or n^2 cannot be told
    ("The choir has 6 members. In how many ways can we choose a president and a treasurer?", "offices"),
    # the officers come from a part of the club
    (
        "Our club has 20 members, 10 boys and 10 girls. In how many ways can we choose a president and a"
        " vice-president from the girls if no one can hold more than one office?",
        "offices",
    ),
    # a restriction
    (
        "The choir has 6 members. In how many ways can we choose a president and a treasurer if no member can hold"
        " more than one office and Ann refuses to be treasurer?",
        "offices",
    ),
    # a number that is not the club's size
    (
        "The choir has 6 members, 2 of them twins. In how many ways can we choose a president and a treasurer if no"
        " member can hold more than one office?",
        "offices",
    ),
    # draws: with replacement, a kind not in the bag, two nouns, events the model does not read, an extra number
    *(
        (
            f"A bag contains 5 green marbles and 3 yellow {noun}. Two marbles are drawn {how}. What is the probability"
            f" that {event}?",
            "draws",
        )
        for noun, how, event in [
            ("marbles", "with replacement", "both are yellow"),
            ("marbles", "at random", "both are red"),
            ("balls", "at random", "both are green"),
            ("marbles", "at random", "at least one is yellow"),
            ("marbles", "at random", "the first is yellow"),
            ("marbles and 2 more green marbles", "at random", "both are green"),
        ]
    ),
    # a dotted list whose written end is off the pattern, or with no step pattern (squares, doubling, Fibonacci)
    ("How many numbers are in the list $ 5, 8, 11, \\ldots, 100 ?$", "integers"),
    ("How many numbers are in the list $1, 4, 9, \\ldots, 100$?", "integers"),
    ("How many numbers are in the list $1, 2, 4, \\ldots, 1024$?", "integers"),
    ("How many numbers are in the list $1, 2, 3, 5, 8, \\ldots, 89$?", "integers"),
]


@pytest.mark.parametrize(("problem", "by"), NOT_BY)
def test_not_by(problem: str, by: str) -> None:
    sol = solve(problem)
    assert sol.status != "solved" or sol.reader != by
