"""Chains of equal values between made-up units: "If 3 dips are equivalent to 5 daps, and 2 daps are
equivalent to 7 dops, how many dips are equivalent to 42 dops?" (42 dops = 12 daps = 7.2 dips).

Each statement "a X is / are equal (equivalent, as cool as, worth) b Y", written in words or as
``4 daps = 3 dops``, is an exchange rate between two units; the question asks how many of one unit
match a number of another ("how many X are equivalent to n Y", "in X, what is the value of n Y").
The units are joined along the statements, and the rate is their product.

Precision rules: every sentence must be statements joined by "and", the question, or a sentence with no
number and no unit of the chain (scene-setting: "In the land of Ink, the money system is unique"); every
statement must lie on the one path between the two units asked (no statement left over, no unit named
twice in one statement), so a second route that could disagree is never taken.
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import solved, step, tex
from .problem import Problem
from .readers import reader
from .story import story_text
from .words import sentences, singular

__all__ = ["read_exchange"]

_N = r"(\d+(?:\.\d+)?|one|a|an)"
_U = r"([a-z]+)"
_SAME = (
    r"(?:is|are) (?:equal|equivalent)(?: in (?:weight|value|cost|worth))? to|=|equals?|(?:is|are) worth"
    r"|weighs? as much as|costs? as much as|(?:is|are) as [a-z]+ as|(?:is|are) the same as"
)
_STATEMENT = re.compile(rf"{_N} {_U} (?:{_SAME}) {_N} {_U}")
_QUESTIONS = [
    re.compile(rf"how many {_U} (?:{_SAME}) {_N} {_U}"),
    re.compile(rf"in {_U},? what is the value of {_N} {_U}"),
    re.compile(rf"what is the value of {_N} {_U} in {_U}"),
]


def _amount(word: str) -> sp.Rational:
    return sp.Integer(1) if word in ("one", "a", "an") else sp.Rational(word)


def _unit(word: str) -> str:
    return singular(word, english=True)


def _question(q: str) -> tuple[str, sp.Rational, str] | None:
    """(unit asked, amount given, unit given) of the question, or None."""
    q = q.strip(" ?.")
    for k, pattern in enumerate(_QUESTIONS):
        m = pattern.fullmatch(q)
        if m is None:
            continue
        if k == 2:
            return _unit(m.group(3)), _amount(m.group(1)), _unit(m.group(2))
        return _unit(m.group(1)), _amount(m.group(2)), _unit(m.group(3))
    return None


@reader("exchanges", handles="chains of equal values between units: how many dips are worth 42 dops", order=126)
def read_exchange(prob: Problem) -> Solution | None:
    """The amount of one unit that matches a given amount of another along stated exchange rates; else None."""
    text = story_text(prob)
    parts = sentences(text)
    if not parts or "?" not in parts[-1] or any("?" in p for p in parts[:-1]):
        return None
    last = re.sub(r"^if ", "", parts[-1])
    folded = re.fullmatch(r"(.+?), ((?:how|in [a-z]+,? what|what) .+)", last)
    clauses = [re.sub(r"^if ", "", p).rstrip(".") for p in parts[:-1]]
    if folded and _question(folded.group(2)) is not None:
        clauses.append(folded.group(1))
        last = folded.group(2)
    asked = _question(last)
    if asked is None:
        return None
    edges: list[tuple[str, sp.Rational, str, sp.Rational, str]] = []  # (unit, amount, unit, amount, said)
    loose: list[str] = []
    for clause in clauses:
        for piece in re.split(r",? and (?=(?:\d|one |a |an ))|, (?=\d)", clause):
            m = _STATEMENT.fullmatch(piece.strip(" ,"))
            if m is None:
                loose.append(piece)
                continue
            a, x, b, y = _amount(m.group(1)), _unit(m.group(2)), _amount(m.group(3)), _unit(m.group(4))
            if x == y or a <= 0 or b <= 0:
                return None
            edges.append((x, a, y, b, piece.strip(" ,")))
    units = {e[0] for e in edges} | {e[2] for e in edges}
    for piece in loose:  # scene-setting only: no number and no unit of the chain
        words = {_unit(w) for w in re.findall(r"[a-z]+", piece)}
        if re.search(r"\d", piece) or words & units:
            return None
    target, given_amount, given = asked
    path = _path(edges, given, target)
    if path is None or len(path) != len(edges):
        return None
    value, steps, current = given_amount, [], given
    for x, a, y, b, said in path:
        rate = b / a if current == x else a / b
        new_unit = y if current == x else x
        steps.append(
            step(
                f"{tex(value)} \\times {tex(rate)} = {tex(value * rate)}",
                f"{said[0].upper() + said[1:]}: {tex(value)} {current}s are {tex(value * rate)} {new_unit}s.",
            )
        )
        value, current = value * rate, new_unit
    hints = [
        "Each statement is an exchange rate between two units.",
        "Start from the amount the question gives and change its unit one statement at a time.",
        "Multiply by new units over old units, so the old unit cancels.",
    ]
    return solved(prob.raw, "ratios", steps, hints, value, verification="each rate applied once along the one chain")


def _path(edges: list, start: str, goal: str) -> list | None:
    """The statements from ``start`` to ``goal`` in order, when exactly one chain joins them; else None."""
    found: list[list] = []

    def walk(unit: str, used: list) -> None:
        if unit == goal and used:
            found.append(list(used))
            return
        for e in edges:
            if e in used or unit not in (e[0], e[2]):
                continue
            nxt = e[2] if unit == e[0] else e[0]
            if any(nxt in (u[0], u[2]) for u in used) and nxt != goal:
                continue  # a unit met twice: a cycle, not a chain
            walk(nxt, [*used, e])

    if start == goal:
        return None
    walk(start, [])
    return found[0] if len(found) == 1 else None
