"""Triangles named by their angles, written so that the geometry reader reads them as shapes.

"a 30-60-90 triangle" ("$30^\\circ$-$60^\\circ$-$90^\\circ$"), "angles in the ratio 1:2:3" and "a right
triangle with a 30 degree angle" name the 30-60-90 triangle of :mod:`.shapes`; "a 45-45-90 triangle" and
"a right triangle with a 45 degree angle" an isosceles right triangle; "the side opposite the 30 degree
angle" of a 30-60-90 triangle is its shorter leg. The digits in these names are names, not numbers a
measure could take, so they are written in words before the reader binds numbers.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .problem import Problem, analyze

__all__ = ["angle_named"]

_DEGREE = r"(?:\s*\^\s*\{?\\circ\}?|\s*°|[\s-]*degrees?)?"
# the names in words, as :mod:`.shapes` spells them (one made-up word: the problem reader turns number
# words such as "thirty sixty ninety" into numbers)
_ANGLE_NAMES = {
    "30-60-90": "thirtysixtyninety",
    "45-45-90": "isosceles",
}

# a triangle told by its angles: angles in the ratio 1:2:3 are 30, 60 and 90 degrees; a right
# triangle with a 30 (or 60) degree angle is a 30-60-90 triangle, with a 45 degree angle a 45-45-90 one
_RATIO = r"\$?\s*([123])\s*:\s*([123])\s*:\s*([123])\s*\$?"
_BY_ANGLES = (
    re.compile(rf"\b(?:the )?ratio of the (?:measures of the )?angles of (?:a|the) triangle is {_RATIO}", re.I),
    re.compile(
        rf"\b(?:the )?(?:measures of the )?angles of (?:a|the) triangle are in (?:the|a) ratio (?:of )?{_RATIO}", re.I
    ),
)
_ONE_ANGLE = re.compile(
    rf"\bright triangle (with|has) (?:an? |one )(?:acute )?(?:angle (?:of |measuring )?\$?(30|45|60){_DEGREE}\s*\$?"
    rf"|\$?(30|45|60){_DEGREE}\s*\$?[- ]angle)(?![\w^])(?!\s*(?:more|less|larger|smaller|greater|than|times)\b)",
    re.I,
)  # not "an angle of 30 degrees more than the other"


# the sides of a 30-60-90 triangle named by the angle they face
_OPPOSITE = {"30": "shorter leg", "60": "longer leg", "90": "hypotenuse"}
_FACING = re.compile(rf"\b(?:side|leg) opposite (?:the |its )?\$?(30|60|90){_DEGREE}\s*\$?[- ]?angle\b", re.I)


def _by_angles(raw: str) -> str:
    """``raw`` with a triangle told by its angles named as a 30-60-90 or 45-45-90 triangle, and a
    side named by the angle it faces ("the side opposite the 30 degree angle") by its name."""
    raw = _FACING.sub(lambda m: _OPPOSITE[m.group(1)] if m.group(0).count("$") % 2 == 0 else m.group(0), raw)
    for pattern in _BY_ANGLES:
        m = pattern.search(raw)
        if m and sorted(m.groups()) == ["1", "2", "3"] and m.group(0).count("$") % 2 == 0:
            raw = raw[: m.start()] + "a 30-60-90 triangle is given" + raw[m.end() :]
    m = _ONE_ANGLE.search(raw)
    if m and m.group(0).count("$") % 2 == 0:
        angles = "45-45-90" if "45" in (m.group(2), m.group(3)) else "30-60-90"
        raw = raw[: m.start()] + f"{angles} triangle {m.group(1)}" + raw[m.end() :]
    return raw


def angle_named(prob: Problem) -> Problem:
    """``prob`` with "30-60-90 triangle" ("$30^\\circ$-$60^\\circ$-$90^\\circ$") written in words, and a
    45-45-90 triangle called an isosceles right triangle; ``prob`` itself when it names neither."""
    raw = _by_angles(prob.raw)
    for angles, words in _ANGLE_NAMES.items():
        a, b, c = angles.split("-")
        dash = r"\s*\$?\s*[-–]\s*\$?\s*"
        named = re.compile(
            rf"\$?(?<![\d.]){a}{_DEGREE}{dash}{b}{_DEGREE}{dash}{c}(?!\d){_DEGREE}\s*\$?(?:\s+right)?(?=\s+triangle)"
        )
        for m in reversed(list(named.finditer(raw))):
            if m.group(0).count("$") % 2 == 0:
                raw = raw[: m.start()] + f" {words} right" + raw[m.end() :]
    if raw == prob.raw:
        return prob
    return replace(analyze(raw), options=prob.options)
