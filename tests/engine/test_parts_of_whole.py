"""The parts-of-a-whole reader: a whole, its parts and the rest; how many, what fraction, what percent are the rest."""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.parts_of_whole import read_parts_of_whole
from hisolver_core.mathengine.problem import analyze


def _answer(text: str):
    sol = read_parts_of_whole(analyze(text))
    return None if sol is None else sp.nsimplify(sol.answer)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A school has 485 pupils. There are 232 girls and the rest are boys. How many boys are there?", 253),
        (
            "A library has a total of 50 books of which 35 are novels and the rest are atlases. How many atlases does the library have?",
            15,
        ),
        (
            "In Lincoln school there are 200 students. 45% are boys and the rest are girls. How many girls are there?",
            110,
        ),
        (
            "A grocery store had a total of 30 bottles. 12 were bottles of regular soda and 9 were bottles of diet "
            "soda and the rest were bottles of water. How many bottles of water did the store have?",
            9,
        ),
        (
            "Of 120 students, 2/5 ride the bus and 5/12 are driven by their parents. If the rest walk to school, "
            "what fraction of the students walk to school?",
            sp.Rational(11, 60),
        ),
        (
            "Of 120 students, 2/5 ride the bus and 5/12 are driven by their parents. If the rest walk to school, "
            "what percent of the students walk to school?",
            sp.Rational(55, 3),
        ),
        (
            "1/3 of the students like math, 1/4 like science and the rest like art. What fraction of the students like art?",
            sp.Rational(5, 12),
        ),
        (
            "A bag has 40 marbles. 10 are red, 25% are blue and the rest are green. What fraction of the marbles are green?",
            sp.Rational(1, 2),
        ),
    ],
)
def test_the_rest_is_the_whole_less_its_parts(text, expected):
    assert _answer(text) == expected


def test_the_solution_shows_the_parts_and_the_rest_and_the_engine_routes_to_it():
    sol = solve("A class has 30 students. 2/5 are boys and the rest are girls. What percent of the class are girls?")
    assert sol.status == "solved"
    assert sol.reader == "parts_of_whole"
    assert sp.nsimplify(sol.answer) == 60
    shown = " ".join(s.latex for s in sol.steps)
    assert r"\times 30 = 12" in shown and "30 - 12 = 18" in shown


@pytest.mark.parametrize(
    "text",
    [
        # the question compares, or asks a part or the whole
        "A class has 30 students. 12 are boys and the rest are girls. How many more girls than boys are there?",
        "A class has 30 students. 12 are boys and the rest are girls. How many students are in the class?",
        (
            "A grocery store had a total of 30 bottles. 12 were bottles of regular soda and the rest were bottles "
            "of water. How many bottles of soda did the store have in total?"
        ),
        # a part of something other than the whole
        "A bag has 40 marbles. 10 are red and half of the non-red marbles are blue and the rest are green. How many green marbles are there?",
        # a number in the question, a change after the rest is told, a part named with the rest's words
        "A class has 30 students. 12 are boys and the rest are girls. How many girls are there if 3 girls leave?",
        "A class has 30 students. 12 are boys and the rest are girls. If 3 girls join the class, how many girls are there?",
        "There are 30 students; 12 are boys. 3 girls joined and the rest are girls. How many girls are there?",
        # parts that leave nothing, or more than the whole; a count that is not whole
        "A class has 30 students. 18 are boys, 12 are tall and the rest are girls. How many girls are there?",
        "A class has 30 students. 25 are boys, 9 wear hats and the rest are girls. How many girls are there?",
        "A class has 30 students. 1/4 are boys and the rest are girls. How many girls are there?",
        # counts need a counted whole
        "2/5 of the students ride the bus, 10 walk and the rest cycle. How many students cycle?",
    ],
)
def test_it_declines_what_is_not_a_whole_cut_into_parts(text):
    assert _answer(text) is None
