"""Facts about given numbers: decimal digits, remainders and congruences, base numerals, prime factorizations."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import answers_equivalent, check_answer, solve


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        # decimal expansions: the repeating block found by long division
        (r"What is the 100th digit to the right of the decimal point in the decimal expansion of $\frac{2}{7}$?", "7"),
        (r"Find the $50^{\text{th}}$ digit past the decimal point in the expansion of $\frac{5}{12}$.", "6"),
        (r"What is the 7th digit in the decimal expansion of the sum of $\frac{1}{3}$ and $\frac{1}{11}$?", "4"),
        (r"How many digits does the decimal equal to $\frac{3}{160}$ have to the right of the decimal point?", "5"),
        (
            r"What is the last nonzero digit to the right of the decimal point in the decimal expansion of $\frac{7}{40}$?",
            "5",
        ),
        (r"What is the sum of the digits in the terminating decimal representation of $\frac{13}{2^3 \cdot 5}$?", "10"),
        # units digits and remainders, worked modulo m (no huge powers formed)
        (r"What is the units digit of $3^{2023}$?", "7"),
        (r"What is the ones digit when $12^{40} + 9$ is multiplied out?", "5"),
        (r"Determine the remainder of 97 (mod 8).", "1"),
        (r"What is the remainder when $13!$ is divided by $17$?", "3"),
        # congruences: every residue of the unknowns tried
        (r"If $k \equiv 3 \pmod{5}$, then find the remainder when $k^2 + 2k$ is divided by 5.", "0"),
        (
            r"In this problem, $a$ and $b$ are integers. If $a\equiv 2\pmod{9}$ and $a+b\equiv 7\pmod{9}$, then what is "
            r"the remainder when $ab$ is divided by $9$?",
            "1",
        ),
        (r"Solve the congruence $4n \equiv 3 \pmod{7}$, as a residue modulo 7.", "6"),
        (r"What integer $n$ satisfies $0\le n<9$ and $$n\equiv 1000\pmod{9}~?$$", "1"),
        (r"Find an integer $n$ such that $0\leq n<11$ and $n$ is a multiplicative inverse to 3 modulo 11.", "4"),
        # numerals in a base
        (r"What is the base-10 integer 100 when expressed in base 3?", "10201_3"),
        (r"Convert $123_5$ to a base 10 integer.", "38"),
        (r"Add $12_{4} + 33_{4}$. Express your answer in base $4$.", "111_4"),
        (r"What is the last digit of the base $7$ representation of the base ten integer $100$?", "2"),
        (r"When the base 10 integer 45 is converted to base 2, what is the sum of the digits?", "4"),
        # prime factorizations
        (r"In the prime factorization of $30!$, what is the exponent of $7$?", "4"),
        (r"How many different primes appear in the prime factorization of $12!$?", "5"),
        # integers between two numbers that are not integers (cube roots of negatives taken real)
        (r"How many integers lie between $\sqrt{10}$ and $\sqrt{90}$?", "6"),
        (r"Find the integer that lies between $\sqrt[3]{-20}$ and $\sqrt[3]{-40}$.", "-3"),
        (r"The value of $\log_{3}{100}$ is between the consecutive integers $a$ and $b$. Find $ab$.", "20"),
    ],
)
def test_number_facts(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert sol.reader in ("number_facts", "integers")  # the integer reader answers plain remainders first
    assert answers_equivalent(sol.answer_latex, expected), sol.answer_latex


def test_the_repeating_block_is_shown() -> None:
    sol = solve(r"What is the 100th digit to the right of the decimal point in the decimal expansion of $\frac{2}{7}$?")
    assert r"\overline{285714}" in sol.steps[0].latex
    assert "digit 4 of the block" in sol.steps[1].text  # 100 = 6 * 16 + 4


@pytest.mark.parametrize(
    "problem",
    [
        # a congruence that leaves two remainders: n = 1 gives 1, n = 4 gives 4 (mod 6); n^2 = 1 (mod 3) fixes neither
        r"If $n^2 \equiv 1 \pmod{3}$, then find the remainder when $n$ is divided by 6.",
        # no unique residue: 2n = 4 (mod 8) has n = 2 and n = 6
        r"Solve the congruence $2n \equiv 4 \pmod{8}$, as a residue modulo 8.",
        # "the 3rd digit" of a number above 1 with no decimal point named: which digit is meant is unclear
        r"What is the 3rd digit in the decimal expansion of $\frac{22}{7}$?",
        # a repeating decimal has no last digit and no count of decimal places
        r"How many digits does the decimal equal to $\frac{1}{3}$ have to the right of the decimal point?",
        # two integers lie between sqrt 10 and sqrt 20: "the integer" is not one
        r"Find the integer that lies between $\sqrt{2}$ and $\sqrt{20}$.",
        # a - b depends on which of the two is the smaller, and the text does not say
        r"The value of $\log_{3}{100}$ is between the consecutive integers $a$ and $b$. Find $a-b$.",
        # a sentence the reader does not place
        r"Sam likes remainders. What is the remainder when $50$ is divided by $7$?",
        # 2^(1/2) is not an integer: no units digit
        r"What is the units digit of $2^{\frac{1}{2}}$?",
    ],
)
def test_number_facts_decline_what_they_cannot_answer(problem: str) -> None:
    sol = solve(problem)
    assert sol.status != "solved" or sol.reader != "number_facts"


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        ("Today is Thursday. Sam's party was 100 days ago. On what day of the week was the party?", "Tuesday"),
        ("If June 3 is a Sunday, what day of the week will it be 45 days later?", "Wednesday"),
        ("If the first day of a month is Friday, what day of the week is the thirtieth day?", "Saturday"),
        ("Ana was born on a Tuesday. On what day of the week will Ana be 1000 days old?", "Monday"),
    ],
)
def test_days_of_the_week(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert sol.answer_latex == rf"\text{{{expected}}}"
    assert check_answer(sol, expected.lower()).correct is True  # a student types the day's name
    assert check_answer(sol, "3").correct is False


@pytest.mark.parametrize(
    "problem",
    [
        # the named day is tomorrow, not the day counted from
        "Tomorrow is Monday. What day of the week was it 10 days ago?",
        # two shifts: which one starts where is a reading this reader does not make
        "Today is Monday. Tim's birthday is 3 days after Ann's, which was 10 days ago. On what day of the week is Tim's birthday?",
        # "3 days before yesterday" does not end at "before"
        "Today is Monday. What day of the week was it 3 days before yesterday?",
    ],
)
def test_days_of_the_week_decline_other_references(problem: str) -> None:
    sol = solve(problem)
    assert sol.status != "solved" or sol.reader != "number_facts"


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (r"If $243_{k}$ is equal to the base 10 integer 73, find $k$ given that $k>0$.", "5"),
        (
            "How many more digits does the base-10 number 100 have when expressed in base 2 than when expressed in base 5?",
            "4",
        ),
        ("What is the smallest five-digit base 3 integer? Express your answer in base 10.", "81"),
    ],
)
def test_numerals_in_an_unknown_or_named_base(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert answers_equivalent(sol.answer_latex, expected), sol.answer_latex


def test_a_congruence_step_substitutes_into_the_expression_as_given() -> None:
    sol = solve(r"If $n \equiv 3 \pmod{5}$, then find the remainder when $(n + 1)(n + 2)$ is divided by 5.")
    assert sol.answer_latex == "0"
    assert sol.steps[-1].latex.startswith(r"\left(n + 1\right) \left(n + 2\right) \equiv 20")


def test_an_unknown_base_must_exceed_every_digit() -> None:
    # 5 b + 2 = 17 gives b = 3, but the digit 5 does not exist in base 3
    assert solve(r"If $52_{b}$ is equal to the base 10 integer 17, find $b$ given that $b>0$.").status != "solved"


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (r"What is the remainder when $2023^{3000}$ is divided by $10$?", "1"),  # no 10,000-digit number formed
        (r"What is the tens digit in the sum $7^1 + 7^2 + 7^3 + 7^4$?", "0"),  # 7 + 49 + 343 + 2401 = 2800
        (r"When the expression $3^{100}$ is evaluated, what are the final two digits?", "01"),
        (r"How many digits are there in the number $2^{10} \cdot 5^{12}$?", "12"),
        (r"What is the digit in the thousandths place of the decimal equivalent of $\frac{3}{16}$?", "7"),
        (r"Convert $\frac{7}{32}$ to a terminating decimal.", "0.21875"),
    ],
)
def test_digits_of_integers_and_decimals(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert sol.answer_latex == expected


def test_a_repeating_decimal_is_not_terminating() -> None:
    assert solve(r"Convert $\frac{1}{3}$ to a terminating decimal.").status != "solved"
