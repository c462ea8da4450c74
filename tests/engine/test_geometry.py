"""The geometry reader: one shape's measures stated in words, walks of legs, sines and cosines of degrees.

The problems are written for these tests (not taken from the benchmark sets); answers worked by hand.
"""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve

SOLVED = [
    # circles, "in terms of pi" kept exact
    ("A circle has a radius of 7 cm. What is its circumference, in terms of $\\pi$?", 14 * sp.pi),
    (
        "The diameter of a circle is 10 inches. What is the area of the circle? Express your answer in terms of $\\pi$.",
        25 * sp.pi,
    ),
    ("The circumference of a circle is $12\\pi$ meters. What is the radius of the circle?", 6),
    # rectangles and squares, sides as expressions, a multiple of a side
    ("A rectangle has a length of 9 feet and a width of 4 feet. What is its perimeter, in feet?", 26),
    (
        "The width of a rectangle is $x+1$ units and its length is $2x$ units. If the perimeter is 38 units, what is the area?",
        84,
    ),
    (
        "The length of a rectangle is three times its width. The perimeter of the rectangle is 48 cm. What is its area?",
        108,
    ),
    ("A square has a perimeter of 36 meters. What is the area of the square, in square meters?", 81),
    ("The ratio of the width to the length of a rectangle is 3:5 and the perimeter is 32. What is its area?", 60),
    ("The perimeter of a rectangle is 42 and its length is twice its width. What is the width?", 7),
    # triangles
    ("A right triangle has legs of 9 and 12 units. What is the length of the hypotenuse?", 15),
    ("An isosceles right triangle has a hypotenuse of 8 units. What is its area?", 16),
    (
        "An equilateral triangle has a perimeter of 18 inches. What is its area? Express your answer in simplest radical form.",
        9 * sp.sqrt(3),
    ),
    ("The sides of a triangle measure 13, 14 and 15 units. What is the area of the triangle?", 84),
    ("The area of a triangle is 45 square feet and its base is 9 feet. What is its height, in feet?", 10),
    ("An isosceles triangle has a base of 10 and a height of 7. What is its area?", 35),
    (
        "A right triangle has legs of 9 and 40 units. What is the length of the median to the hypotenuse?",
        41 / sp.Integer(2),
    ),
    # a rhombus: one diagonal given, the other found through the side
    ("A rhombus has a perimeter of 40 and one of its diagonals is 16. What is its area?", 96),
    ("What is the side length of a rhombus with diagonals of lengths 6 and 8?", 5),
    (
        "The ratio of the length of a rectangular lawn to its width is $7:2$. The perimeter of the lawn is 36 m. What is its area?",
        56,
    ),
    # solids
    ("A cube has a volume of 125 cubic inches. What is its total surface area, in square inches?", 150),
    ("A cylinder has a radius of 2 meters and a volume of $36\\pi$ cubic meters. What is its height, in meters?", 9),
    ("A sphere has a radius of 3 feet. What is its volume? Express your answer in terms of $\\pi$.", 36 * sp.pi),
    ("The height of a cylinder is 2 times its radius. The volume is $54\\pi$. What is the height?", 6),
    # polygons
    ("A convex polygon has 14 diagonals. How many sides does it have?", 7),
    ("What is the measure of one interior angle of a regular decagon?", 144),
    ("How many sides does a regular polygon have if each exterior angle measures 24 degrees?", 15),
    ("What is the sum of the interior angles of a convex octagon, in degrees?", 1080),
    ("How many diagonals does a regular 8-sided polygon have?", 20),
    # walks and trigonometry
    ("Ann walks 5 miles north, then 12 miles east. How many miles is she from her starting point?", 13),
    ("Compute $\\sin 150^\\circ$.", sp.Rational(1, 2)),
    # the hands of a clock: hour hand 30h + m/2 degrees, minute hand 6m
    ("What is the smaller angle formed by the hands of a clock at 9:15, in degrees?", sp.Rational(345, 2)),
    ("At 7:20, what is the larger angle between the hour hand and the minute hand, in degrees?", 260),
    ("How many degrees are in the obtuse angle formed by the hands of a clock at 2:30?", 105),
    ("Compute $\\tan 135^\\circ$.", -1),
]


@pytest.mark.parametrize("problem,answer", SOLVED)
def test_solved(problem: str, answer) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert sol.reader in ("geometry", "story")  # the story reader answers some rectangles first
    assert sp.simplify(sp.sympify(sol.answer) - answer) == 0


def test_steps_show_the_formula() -> None:
    sol = solve("A cylinder has a radius of 3 cm and a height of 5 cm. What is its volume, in terms of $\\pi$?")
    assert sp.sympify(sol.answer) == 45 * sp.pi
    assert sol.reader == "geometry"
    assert any("volume = pi*radius**2*height" in s.text for s in sol.steps)


TRAPS = [
    # two circles: the ratio of two circumferences, not one circle's circumference
    "What is the ratio of the circumference of a circle with radius 2 to the circumference of a circle with diameter 8?",
    # a change of size: the new area, not the old one
    "The radius of a circle is 3 inches. When the radius is doubled, what is the area of the circle?",
    # two units of length
    "A rectangle is 2 feet long and 6 inches wide. What is its area?",
    # not enough to fix the answer: a rectangle's area alone does not give its perimeter
    "A rectangle has an area of 24 square units. What is its perimeter?",
    # a number that nothing reads
    "A cube has an edge of 3 inches and 2 of its faces are painted. What is its volume?",
    # an isosceles triangle that is not a right one: its side formulas miss the two equal sides
    "An isosceles triangle has a base of 8 and a perimeter of 18. What is its area?",
    "An isosceles triangle has sides of 5, 5 and 8 units. What is its perimeter?",
    # a walk asked for its length, not the distance from the start
    "Ann walks 5 miles north, then 12 miles east. How many miles does she walk?",
    # a count of edges, not an edge's length
    "A square pyramid has a height of 6 and a volume of 32. How many edges does it have?",
    # "half" before the measure: the side is 5, not 5/2
    "Half the perimeter of a square is 12. What is the length of its side?",
    "Three times the width of a rectangle is 15. The length is 7. What is its area?",
    # legs walked in yards, the distance asked in feet
    "Bo walks 6 yards north and 8 yards east. How many feet is he from his starting point?",
    # a pyramid's edges may be its slanted edges, not the base's
    "A square pyramid has edges of 6 and a height of 4. What is its volume?",
    # the multiple describes another circle, asked after the question word
    "A circle has a radius of 3. What is the radius of a circle with twice the area?",
    # a polygon's "sides of length 4" is no count of sides
    "A regular polygon has sides of length 4 and each interior angle is 90 degrees. What is the sum of the interior angles?",
    # "the other diagonal" is not read; neither is a rhombus given by its side alone
    "A rhombus has a side of 5 and the other diagonal is 6. What is its area?",
    "A rhombus has a side of 5. What is its area?",
    # at 5:10 the hands are 95 degrees apart: no acute angle to give
    "What is the acute angle formed by the hands of a clock at 5:10?",
    # which of the two angles is not said; a question about when
    "What is the angle formed by the hands of a clock at 4:00?",
    "How many minutes after 3:00 do the hands of a clock first form a smaller angle of 90 degrees?",
    # asked in radians, not degrees
    "What is the smaller angle formed by the hands of a clock at 3:30, in radians?",
    # an angle that has no simple exact value stays unanswered by this reader
    "Compute $\\cos 20^\\circ$.",
]


@pytest.mark.parametrize("problem", TRAPS)
def test_traps_are_not_answered_by_geometry(problem: str) -> None:
    sol = solve(problem)
    assert sol.reader != "geometry" or sol.status != "solved"
