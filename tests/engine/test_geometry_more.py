"""The geometry reader on trapezoids and on the 30-60-90 and 45-45-90 triangles.

The problems are written for these tests (not taken from the benchmark sets); answers worked by hand.
"""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve

SOLVED = [
    # trapezoids: area = (a + b) h / 2, median = (a + b) / 2
    ("A trapezoid has bases of 8 and 12 and a height of 5. What is its area?", 50),
    ("The area of a trapezoid is 60 square inches. Its bases are 7 and 13 inches. What is its height?", 6),
    ("A trapezoid has an area of 50, a height of 5 and one base of 6. What is the length of the other base?", 14),
    ("The median of a trapezoid is 10 and its height is 4. What is the area of the trapezoid?", 40),
    ("A trapezoid has bases of length 6 and 14. What is the length of its median?", 10),
    ("The parallel sides of a trapezoid measure 9 cm and 15 cm, and its area is 96 square cm. What is its height?", 8),
    ("A trapezoid has bases of 5 and 11 and legs of 4 and 6. What is its perimeter?", 26),
    ("The bases of a trapezoid are 5 and 9 inches long and its height is 4 inches. What is its area?", 28),
    (
        "The segment joining the midpoints of the legs of a trapezoid is 12 units long, and the height is 5 units. "
        "What is the area of the trapezoid?",
        60,
    ),
    # isosceles trapezoids: the leg, the height and half the difference of the bases make a right triangle
    ("An isosceles trapezoid has bases of 10 and 22 and a height of 8. What is the length of each leg?", 10),
    ("An isosceles trapezoid has bases of 10 and 22 and legs of length 10. What is its perimeter?", 52),
    ("An isosceles trapezoid has bases of 6 and 14 and legs of 5 units. What is its area?", 30),
    ("An isosceles trapezoid has a shorter base of 7, legs of 13 and a height of 12. What is the longer base?", 17),
    ("An isosceles trapezoid has a longer base of 17, legs of 13 and a height of 12. What is the shorter base?", 7),
    ("An isosceles trapezoid has sides of length 5, 6, 14 and 5. What is its height?", 3),
    (
        "An isosceles trapezoid has sides of length 10, 10, 10 and 4. What is its height? "
        "Express your answer in simplest radical form.",
        sp.sqrt(91),
    ),
    ("Each acute angle of an isosceles trapezoid measures 65 degrees. What is the measure of each obtuse angle?", 115),
    (
        "The largest angle of an isosceles trapezoid is 3 times the measure of the smallest angle. "
        "What is the measure of the smallest angle, in degrees?",
        45,
    ),
    # 30-60-90 triangles: the hypotenuse is twice the shorter leg, the longer leg sqrt(3) times it
    ("The hypotenuse of a 30-60-90 triangle is 10. What is the length of the shorter leg?", 5),
    ("The shorter leg of a $30^\\circ$-$60^\\circ$-$90^\\circ$ triangle is 4. What is the longer leg?", 4 * sp.sqrt(3)),
    ("The longer leg of a 30-60-90 triangle is $6\\sqrt{3}$. What is its area?", 18 * sp.sqrt(3)),
    ("The perimeter of a 30-60-90 triangle is $3+\\sqrt{3}$. What is its hypotenuse?", 2),
    ("In a 30-60-90 right triangle the longer leg is 9. What is the hypotenuse?", 6 * sp.sqrt(3)),
    ("In a 30-60-90 triangle, the side opposite the $30^\\circ$ angle is 5. What is the length of the hypotenuse?", 10),
    (
        "In a 30-60-90 triangle, the side opposite the 60-degree angle is 6. "
        "What is the length of the side opposite the 30-degree angle? Express your answer in simplest radical form.",
        2 * sp.sqrt(3),
    ),
    # 45-45-90 triangles are isosceles right triangles
    ("The hypotenuse of a 45-45-90 triangle is $6\\sqrt{2}$. What is the length of a leg?", 6),
    ("A 45-45-90 triangle has a leg of length 5. What is its area?", sp.Rational(25, 2)),
    ("What is the perimeter of an isosceles right triangle with a leg of 4?", 8 + 4 * sp.sqrt(2)),
    ("An isosceles right triangle has legs of length 5. What is its hypotenuse?", 5 * sp.sqrt(2)),
    ("A right triangle has a $45^\\circ$ angle and a leg of 7. What is its hypotenuse?", 7 * sp.sqrt(2)),
    # a triangle told by its angles
    ("The angles of a triangle are in the ratio $1:2:3$. The longest side is 10. What is the shortest side?", 5),
    ("A right triangle with a $30^\\circ$ angle has a hypotenuse of 12. What is the length of the shorter leg?", 6),
    ("A right triangle has a 60-degree angle and its shorter leg is 5. What is its hypotenuse?", 10),
    ("What is the area of a 30-60-90 degree triangle with a hypotenuse of 8?", 8 * sp.sqrt(3)),
    # a right triangle: one leg and the hypotenuse give the other leg
    ("The hypotenuse of a right triangle is 10 and one leg is 6. What is the other leg?", 8),
]


@pytest.mark.parametrize("problem,answer", SOLVED)
def test_solved(problem: str, answer) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert sol.reader == "geometry"
    assert sp.simplify(sp.sympify(sol.answer) - answer) == 0, sol.answer


DECLINED = [
    # which leg of a 30-60-90 triangle is not said
    "A leg of a 30-60-90 triangle is 6. What is the hypotenuse?",
    # one base, a leg and the height fit two isosceles trapezoids (the other base 7 or 27)
    "An isosceles trapezoid has one base of 17, legs of 13 and a height of 12. What is the other base?",
    # two pairs of equal sides: a parallelogram, the bases are not told
    "An isosceles trapezoid has sides of length 10, 4, 10 and 4. What is its height?",
    # no two equal sides: not an isosceles trapezoid
    "An isosceles trapezoid has sides of length 10, 4, 16 and 11. What is its area?",
    # the legs are too short for the bases
    "An isosceles trapezoid has bases of 4 and 20 and legs of 6. What is its height?",
    # a median that is not half the sum of the bases: the numbers were misread
    "A trapezoid has bases of 6 and 14, a median of 11 and a height of 3. What is its area?",
    # a trapezoid's legs do not give its height unless it is isosceles
    "A trapezoid has bases of 4 and 10 and legs of 5 and 6. What is its area?",
    # the smallest and largest angles of a trapezoid that is not isosceles need not be supplementary
    "The largest angle of a trapezoid is 3 times its smallest angle. What is the smallest angle?",
    # angles in another ratio, or a right triangle with another acute angle: no 30-60-90 triangle
    "The angles of a triangle are in the ratio $1:2:4$. The longest side is 10. What is the shortest side?",
    "A right triangle has an angle of 50 degrees and a hypotenuse of 4. What is its area?",
    "A right triangle has an acute angle of 30 degrees more than the other and a hypotenuse of 4. What is the shorter leg?",
    # a right triangle that is not said to be 30-60-90: which angle the side faces is not read
    "In a right triangle, the side opposite the 30-degree angle is 4. What is the hypotenuse?",
    # legs of 5 without "isosceles": one leg or both is not told
    "A right triangle has legs of length 5. What is its hypotenuse?",
    # the area and the hypotenuse fit legs of 6 and 8: which leg is asked is not told
    "A right triangle has a hypotenuse of 10 and an area of 24. What is the length of a leg?",
    # the leg asked is one given
    "The hypotenuse of a right triangle is 10 and one leg is 6. What is the leg?",
    # a shorter base longer than the longer one
    "A trapezoid has a shorter base of 12, a height of 4 and an area of 40. What is the longer base?",
]


@pytest.mark.parametrize("problem", DECLINED)
def test_declined(problem: str) -> None:
    sol = solve(problem)
    assert sol.status != "solved", (sol.reader, sol.answer)


@pytest.mark.parametrize(
    ("problem", "answer"),
    [
        ("What is the supplement of a $40^\\circ$ angle?", 140),
        ("What is the complement of a 50 degree angle?", 40),
        ("What is the supplement of a 40° angle?", 140),
        ("What is the measure, in degrees, of the complement of an angle measuring $25^\\circ$?", 65),
        ("The measure of an angle is $30^\\circ$. What is the measure of its supplement?", 150),
        ("What is the number of degrees in the measure of an angle whose complement is 38 degrees?", 52),
        # the number belongs to the measure it is next to; "3 times its complement" relates two measures
        ("The supplement of an angle is 3 times its complement. What is the measure of the angle?", 45),
    ],
)
def test_an_angle_its_complement_and_supplement(problem: str, answer) -> None:
    sol = solve(problem)
    assert sol.reader == "geometry" and sol.answer == answer


def test_a_relation_the_reader_does_not_bind_is_not_guessed() -> None:
    # "20 degrees more than twice": a sum the multiples rule does not read (the answer is 20)
    sol = solve("The supplement of an angle is 20 degrees more than twice its complement. What is the angle?")
    assert not sol.solved or sol.answer == 20


def test_an_angle_of_a_named_figure_is_not_the_lone_angle() -> None:
    # the triangle is the figure: "angle" does not make it a question about one angle and its supplement
    sol = solve("In an isosceles triangle one angle measures 40 degrees. What is the supplement of the vertex angle?")
    assert not sol.solved or sol.reader != "geometry"


def test_how_many_of_a_measure_the_text_names_is_not_a_length() -> None:
    # "the two legs": the count of the legs; the lengths follow
    sol = solve("In a right triangle, the two legs have lengths 6 and 8. What is the length of the hypotenuse?")
    assert sol.reader == "geometry" and sol.answer == 10
    assert solve("The three sides of a triangle have lengths 3, 4 and 5. What is its perimeter?").answer == 12
    # "two legs of length 5" gives one length for both: not read as the count of legs
    assert not solve("A right triangle has two legs of length 5. What is the hypotenuse?").solved


def test_the_third_angle_of_a_triangle_from_two_angles() -> None:
    # "two angles": the count says which of the three angles the two values are
    for problem in (
        "Two angles of a triangle measure 40 and 75 degrees. What is the measure of the third angle?",
        "Two angles of a triangle measure $40^\\circ$ and $75^\\circ$. What is the number of degrees in the third angle?",
        "Two of the angles of a triangle measure 15 and 100 degrees. What is the measure of the remaining angle?",
    ):
        sol = solve(problem)
        assert sol.reader == "geometry" and sol.answer == 65
    # three angles given: nothing is asked that they fix
    assert not solve("The angles of a triangle measure 40, 60 and 80 degrees. What is its area?").solved
