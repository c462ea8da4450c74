"""Meaning words for the forms reader: noun phrases that name a quantity, read into new math segments.

The reading state (:class:`_Reading`) lives here with the phrase rules, since both the phrases and the
statements in ``forms.py`` fill it. A phrase ("the square of ⟦0⟧", "50% of 1/3 of ⟦36⟧", "the midpoint
of ⟦P⟧ and ⟦Q⟧") is replaced by a new segment holding its value, innermost first, so phrases compose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .build import Decline
from .context import Context, _parse
from .problem import Problem
from .question_forms import normalise

_M = r"⟦\d+⟧"


@dataclass
class _Reading:
    problem: Problem
    ctx: Context
    kinds: dict[int, str] = field(
        default_factory=dict
    )  # segment -> relation | expression | letter | point | definition
    objs: dict[int, Any] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)
    relations: list[int] = field(default_factory=list)
    domains: dict[str, str] = field(default_factory=dict)
    conditions: list[str] = field(default_factory=list)
    function_names: set[str] = field(default_factory=set)
    roots: list[tuple[int, int]] = field(default_factory=list)  # "⟦v⟧ is a solution of ⟦r⟧": (v, r)
    points: dict[str, sp.Tuple] = field(default_factory=dict)  # "⟦P⟧ is the point ⟦(5, 3)⟧", "A(-2, 1)"
    named_roots: list[tuple[list[str], int, int | None]] = field(default_factory=list)  # ([a, b], relation, order)
    counts: list[tuple[int, int]] = field(default_factory=list)  # "⟦r⟧ has two solutions": (relation, 2)
    system_counts: list[tuple[list[int], int]] = field(default_factory=list)  # "⟦r⟧ and ⟦s⟧ intersect at two points"
    made: int = 10_000  # synthetic segments (a phrase read into math) are numbered from here
    line: tuple[sp.Tuple, sp.Tuple] | None = None  # "a line passes through ⟦P⟧ and ⟦Q⟧"
    hints: list[str] = field(default_factory=list)  # hint lines of the phrases read
    naming: set[int] = field(default_factory=set)  # relations that only name a coordinate (n = 2)
    parts: set[int] = field(default_factory=set)  # synthetic percents ("50 %")
    polygon: list[sp.Tuple] = field(default_factory=list)  # "a triangle has vertices at ⟦P⟧, ⟦Q⟧ and ⟦R⟧"
    circle: tuple[sp.Tuple, sp.Expr] | None = None  # center and radius: "⟦P⟧ and ⟦Q⟧ are the endpoints of a diameter"
    verbal: dict[str, Any] = field(default_factory=dict)  # numbers stated in words and a variation law (verbal.py)
    told: int | None = (
        None  # an expression told as a sentence of its own ("⟦E⟧ Which is equivalent to the expression?")
    )


# --- meaning words: noun phrases that name a quantity, read into new math segments ----------------------
#
# "the square of ⟦0⟧", "⟦0⟧ of ⟦1⟧" (a percent or a fraction of), "the midpoint of ⟦P⟧ and ⟦Q⟧", "the
# distance from ⟦P⟧ to ⟦Q⟧", "the sum of the coordinates of ⟦B⟧": each is replaced by a new segment holding
# its value, innermost first, so phrases compose ("the positive difference between the sum of ⟦0⟧ and ⟦1⟧
# and the product of ⟦0⟧ and ⟦1⟧"). Operand types: {e} an expression or letter, {q} a percent or a numeric
# fraction, {l} a list of expressions, {p} a point (a pair, a named point, or a capital letter naming one),
# {s} a segment (``\\overline{AB}`` or one named by its endpoints), {t} a set of numbers written out
# (``\\{5, 8, x\\}``).


def _midpoint(p: sp.Tuple, q: sp.Tuple) -> tuple[str, Any]:
    return "point", sp.Tuple((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)


def _distance(p: sp.Tuple, q: sp.Tuple) -> tuple[str, Any]:
    return "expression", sp.sqrt((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2)


def _slope_of(p: sp.Tuple, q: sp.Tuple) -> tuple[str, Any]:
    if sp.simplify(q[0] - p[0]) == 0:
        raise Decline("The line through the two points is vertical: it has no slope.")
    return "expression", (q[1] - p[1]) / (q[0] - p[0])


def _vertex(rel: sp.Equality) -> tuple[str, Any]:
    x, y = sp.Symbol("x"), sp.Symbol("y")
    if rel.lhs != y or rel.rhs.free_symbols != {x} or sp.degree(rel.rhs, x) != 2:
        raise Decline("Only the graph of y = a quadratic in x has one vertex here.")
    a, b = sp.expand(rel.rhs).coeff(x, 2), sp.expand(rel.rhs).coeff(x, 1)
    h = -b / (2 * a)
    return "point", sp.Tuple(h, rel.rhs.subs(x, h))


def _through(rel: Any, p: sp.Tuple) -> Any:
    """The relations hold at the point ``p`` (its coordinates put in for x and y)."""
    return rel.xreplace({sp.Symbol("x"): p[0], sp.Symbol("y"): p[1]})


def _line(p: sp.Tuple, q: sp.Tuple) -> tuple[str, Any]:
    x, y = sp.Symbol("x"), sp.Symbol("y")
    if sp.simplify(q[0] - p[0]) == 0:
        return "relation", sp.Eq(x, p[0])
    m = (q[1] - p[1]) / (q[0] - p[0])
    return "relation", sp.Eq(y, sp.expand(m * (x - p[0]) + p[1]))


def _common_denominator(items: list) -> tuple[str, Any] | None:
    """The least common denominator of fractions written out: the lcm of their denominators in lowest terms."""
    if not all(isinstance(v, sp.Rational) and not v.is_integer for v in items):
        return None
    return "expression", sp.ilcm(*(v.q for v in items))


def _square_difference(items: list) -> tuple[str, Any]:
    """ "the difference of the squares of ⟦a⟧ and ⟦b⟧": |a^2 - b^2| (which square is larger is not said)."""
    if len(items) != 2:
        raise Decline("A difference is of two numbers.")
    return "expression", sp.Abs(items[0] ** 2 - items[1] ** 2)


def _difference(a: Any, b: Any) -> Any:
    """ "the difference between ⟦a⟧ and ⟦b⟧": a - b, or b - a for two numbers where a is the smaller (the
    difference between 5 and 8 is 3)."""
    d = a - b
    return -d if d.is_number and d.is_negative else d


def _mean(items: list) -> tuple[str, Any]:
    return "expression", sp.Add(*items) / len(items)


# "the mean of the set ⟦{5, 8, x}⟧", "the average of the numbers in the set ⟦...⟧"
_OF_SET = r"the (?:arithmetic )?(?:mean|average) of (?:the (?:members|elements|numbers) (?:of|in) )?(?:the set )?"
_SEGMENT = r"(?:the |a )?(?:line )?segment (?:whose endpoints are|with endpoints(?: at)?|between|joining|connecting)"
_PHRASE_RULES: tuple[tuple[str, Any], ...] = (
    ("the origin", lambda: ("point", sp.Tuple(0, 0))),
    (_SEGMENT + " {p} and {p}", lambda p, q: ("segment", (p, q))),
    (r"the (?:line )?segment from {p} to {p}", lambda p, q: ("segment", (p, q))),
    ("the (?:positive )?square root of {e}", lambda a: ("expression", sp.sqrt(a))),
    ("the cube root of {e}", lambda a: ("expression", sp.real_root(a, 3))),
    ("the opposite of {e}", lambda a: ("expression", -a)),
    ("the sum of the squares of {l}", lambda items: ("expression", sp.Add(*(v**2 for v in items)))),
    ("the sum of the cubes of {l}", lambda items: ("expression", sp.Add(*(v**3 for v in items)))),
    ("the (?:positive )?difference (?:of|between) the squares of {l}", lambda items: _square_difference(items)),
    ("the difference (?:of|between) {e} and {e}", lambda a, b: ("expression", _difference(a, b))),
    ("the square of {e}", lambda a: ("expression", a**2)),
    ("the cube of {e}", lambda a: ("expression", a**3)),
    ("the reciprocal of {e}", lambda a: ("expression", 1 / a)),
    ("the absolute value of {e}", lambda a: ("expression", sp.Abs(a))),
    ("the sum of {l}", lambda items: ("expression", sp.Add(*items))),
    ("the (?:least|lowest) common denominator of {l}", lambda items: _common_denominator(items)),
    ("the product of {l}", lambda items: ("expression", sp.Mul(*items))),
    ("the (?:arithmetic )?(?:mean|average) of {l}", _mean),
    (_OF_SET + "{t}", _mean),
    (
        r"the sum of (?:the (?:members|elements|numbers) (?:of|in) )?the set {t}",
        lambda items: ("expression", sp.Add(*items)),
    ),
    ("{q} of {e}", lambda a, b: ("expression", a * b)),
    ("the midpoint of {p} and {p}", _midpoint),
    ("the midpoint of {s}", lambda s: _midpoint(*s)),
    ("the distance between {p} and {p}", _distance),
    ("the distance from {p} to {p}", _distance),
    ("the length of {s}", lambda s: _distance(*s)),
    ("the slope of the line (?:through|containing|passing through|that passes through) {p} and {p}", _slope_of),
    ("the vertex of (?:the parabola |the graph of )?{r}", lambda r: _vertex(r)),
    ("twice {e}", lambda a: ("expression", 2 * a)),
    ("half (?:of )?{e}", lambda a: ("expression", a / 2)),
    ("{w} times {e}", lambda n, a: ("expression", n * a)),
    ("{w} (?:more|greater|larger) than (?:the value of )?{e}", lambda n, a: ("expression", a + n)),
    ("{w} (?:less|fewer|smaller) than (?:the value of )?{e}", lambda n, a: ("expression", a - n)),
    # minus before plus: "a minus b plus c" is (a - b) + c, and "a plus b minus c" the same as a + (b - c)
    ("{e} (?:minus|decreased by|reduced by) {e}", lambda a, b: ("expression", a - b)),
    ("{e} (?:plus|increased by) {e}", lambda a, b: ("expression", a + b)),
    ("{e} is (?:equal to|the same as) {e}", lambda a, b: ("relation", sp.Eq(a, b))),
    # "what number must be added to 5 to get 12" (the number named by the question, see problem._what_number)
    (
        "{e} (?:must be |is )?added to {e} (?:to get|to give|to make|gives|makes) {e}",
        lambda a, b, c: ("relation", sp.Eq(b + a, c)),
    ),
    (
        "{e} (?:must be |is )?subtracted from {e} (?:to get|to give|to make|gives|makes) {e}",
        lambda a, b, c: ("relation", sp.Eq(b - a, c)),
    ),
    ("{r} intersects {r} at {p}", lambda r1, r2, p: ("relation", _through(sp.And(r1, r2), p))),
    ("{e} is (?:greater|more) than {e} and less than {e}", lambda a, b, c: ("relation", sp.And(a > b, a < c))),
    ("{e} is less than {e} and (?:greater|more) than {e}", lambda a, b, c: ("relation", sp.And(a < b, a > c))),
    ("{e} is (?:greater|more) than or equal to {e}", lambda a, b: ("relation", a >= b)),
    ("{e} is less than or equal to {e}", lambda a, b: ("relation", a <= b)),
    ("{e} is (?:greater|more) than {e}", lambda a, b: ("relation", a > b)),
    ("{e} is less than {e}", lambda a, b: ("relation", a < b)),
    ("{e} is at least {e}", lambda a, b: ("relation", a >= b)),
    ("{e} is at most {e}", lambda a, b: ("relation", a <= b)),
    ("the sum of the coordinates of {p}", lambda p: ("expression", p[0] + p[1])),
    ("the product of the coordinates of {p}", lambda p: ("expression", p[0] * p[1])),
    ("the x-coordinate of {p}", lambda p: ("expression", p[0])),
    ("the y-coordinate of {p}", lambda p: ("expression", p[1])),
    ("the line (?:through|containing|passing through|that passes through) {p} and {p}", lambda p, q: _line(p, q)),
)
_PHRASE_HINTS = {  # a hint line for the phrases whose formula a student may not know
    "the midpoint": "The midpoint's coordinates are the averages of the endpoints' x's and of their y's.",
    "the distance": "Use the distance formula: the square root of (change in x)^2 + (change in y)^2.",
    "the length": "Use the distance formula: the square root of (change in x)^2 + (change in y)^2.",
    "the slope": "The slope through two points is the change in y over the change in x.",
    "{q} of": "'Of' means times: a percent is a number out of 100.",
    "the (?:arithmetic": "The mean is the sum of the numbers divided by how many there are.",
}
_OPERAND_RE = {"l": rf"({_M}(?:(?:,|, and| and) {_M})+)", "e": rf"({_M})", "q": rf"({_M})", "p": rf"({_M})"}
_OPERAND_RE["s"] = _OPERAND_RE["r"] = _OPERAND_RE["t"] = _OPERAND_RE["e"]
_NUMBER_WORDS = {w: k for k, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_OPERAND_RE["w"] = rf"({'|'.join(_NUMBER_WORDS)}|{_M})"
_COMPILED_PHRASES = tuple(
    (
        re.compile(
            r"(?<![\w-])" + re.sub(r"\{([elqpsrtw])\}", lambda m: _OPERAND_RE[m.group(1)], pattern) + r"(?![\w-])"
        ),
        re.findall(r"\{([elqpsrtw])\}", pattern),
        build,
        next((h for key, h in _PHRASE_HINTS.items() if pattern.startswith(key)), None),
    )
    for pattern, build in _PHRASE_RULES
)
_POINT_LITERAL = re.compile(r"([A-Z])\s*(?:\\[ ,;!])?\s*\(([^(),]+),([^(),]+)\)")
_SEGMENT_LITERAL = re.compile(r"\\overline\{?\s*([A-Z])\s*([A-Z])\s*\}?")


_POINT_ITEM = re.compile(r"(?:[A-Z]\s*(?:\\[ ,;!])?\s*)?\(([^(),]+),([^(),]+)\)")


def _top_level_items(src: str) -> list[str]:
    items, depth, start = [], 0, 0
    for k, ch in enumerate(src):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            items.append(src[start:k].strip())
            start = k + 1
    return [*items, src[start:].strip()]


def _point_item(rd: _Reading, text: str) -> sp.Tuple:
    m = _POINT_ITEM.fullmatch(text)
    assert m is not None
    point = sp.Tuple(*(_parse(c, rd.ctx) for c in m.groups()))
    if text[0].isalpha():
        rd.points[text[0]] = point
    return point


def _new(rd: _Reading, kind: str, obj: Any) -> int:
    rd.made += 1
    rd.kinds[rd.made], rd.objs[rd.made] = kind, obj
    return rd.made


def _as_point(rd: _Reading, i: int) -> sp.Tuple | None:
    """The point segment ``i`` names: a pair, or a capital letter (a point not yet known gets unknown coordinates)."""
    kind, obj = rd.kinds.get(i), rd.objs.get(i)
    if kind == "point":
        return obj
    if kind == "letter" and isinstance(obj, sp.Symbol) and re.fullmatch(r"[A-Z]", obj.name):
        return _named_point(rd, obj.name)
    return None


def _named_point(rd: _Reading, name: str) -> sp.Tuple:
    """The point called ``name``; one not yet known has unknown coordinates x_name, y_name (kept by _commit)."""
    return rd.points.get(name) or sp.Tuple(sp.Symbol(f"x_{name}"), sp.Symbol(f"y_{name}"))


def _commit(rd: _Reading, indices: Any) -> None:
    """The capital letters among ``indices`` were read as points: from now on they name those points."""
    for i in indices:
        obj = rd.objs.get(i)
        names: Any = obj if rd.kinds.get(i) == "segment_names" else [obj.name] if isinstance(obj, sp.Symbol) else []
        for name in names:
            if re.fullmatch(r"[A-Z]", name):
                rd.points[name] = _named_point(rd, name)


def _operand(rd: _Reading, i: int, kind: str) -> Any:
    obj = rd.objs.get(i)
    if kind == "e":
        named_point = isinstance(obj, sp.Symbol) and obj.name in rd.points
        return obj if rd.kinds.get(i) in ("expression", "letter") and not named_point else None
    if kind == "q":  # "⟦20%⟧ of", "⟦1/3⟧ of": a number that is a part of what follows
        source = rd.problem.math[i] if i < len(rd.problem.math) else ""
        part = (i in rd.parts or re.search(r"%|\\frac|/", source)) and isinstance(obj, sp.Expr) and obj.is_number
        return obj if part else None
    if kind == "p":
        return _as_point(rd, i)
    if kind == "r":
        return obj if isinstance(obj, sp.Equality) else None
    if kind == "t":  # a set of numbers written out: "\{5, 8, 10, x\}"
        return list(obj) if rd.kinds.get(i) == "number_list" and obj is not None else None
    if kind == "w":
        return obj if isinstance(obj, sp.Expr) and obj.is_number and rd.kinds.get(i) == "expression" else None
    if rd.kinds.get(i) == "segment":
        return obj
    if rd.kinds.get(i) == "segment_names" and obj is not None:
        return tuple(_named_point(rd, n) for n in obj)
    return None


def _phrases(rd: _Reading, text: str) -> str:
    """``text`` with every phrase it can read replaced by a new segment holding its value (innermost first)."""
    for m in reversed(list(re.finditer(r"⟦(\d+)⟧ ⟦(\d+)⟧", text))):  # "⟦50⟧ ⟦%⟧": a percent
        n, sign = (int(g) for g in m.groups())
        if rd.kinds.get(sign) == "percent_sign" and isinstance(rd.objs.get(n), sp.Expr) and rd.objs[n].is_number:
            rd.used.update((n, sign))
            made = _new(rd, "expression", rd.objs[n] / 100)
            rd.parts.add(made)
            text = text[: m.start()] + f"⟦{made}⟧" + text[m.end() :]
    text = _integer_words(rd, text)
    text = _context_phrases(rd, text)
    for _ in range(12):
        for pattern, kinds, build, hint in _COMPILED_PHRASES:
            found = _first_phrase(rd, text, pattern, kinds, build)
            if found is not None:
                text = found
                rd.hints += [hint] if hint and hint not in rd.hints else []
                break
        else:
            return text
    return text


def _context_phrases(rd: _Reading, text: str) -> str:
    """Phrases about a figure a statement described: the triangle's sides, the circle's center, where the line
    crosses an axis."""
    sides = []
    if rd.polygon:
        corners = rd.polygon + rd.polygon[:1]
        sides = [_distance(p, q)[1] for p, q in zip(corners, corners[1:], strict=False)]
    found: dict[str, Any] = {}
    if sides and all(v.is_number for v in sides):
        found["the (?:length of the )?longest side of the (?:triangle|polygon)"] = max(sides, key=float)
        found["the (?:length of the )?shortest side of the (?:triangle|polygon)"] = min(sides, key=float)
        found["the perimeter of the (?:triangle|polygon)"] = sp.Add(*sides)
    if rd.circle is not None:
        found["the center of the circle"], found["the radius of the circle"] = rd.circle
    if rd.line is not None:
        slope = _line(*rd.line)[1]
        if slope.lhs == sp.Symbol("y"):
            found["the point where the line (?:intersects|crosses|meets) the y-axis"] = sp.Tuple(
                0, slope.rhs.subs("x", 0)
            )
    for pattern, value in found.items():
        m = re.search(rf"\b{pattern}\b", text)
        if m:
            kind = "point" if isinstance(value, sp.Tuple) else "expression"
            text = text[: m.start()] + f"⟦{_new(rd, kind, value)}⟧" + text[m.end() :]
    return text


def _integer_words(rd: _Reading, text: str) -> str:
    """ "all integer values of ⟦x⟧", "positive integers ⟦x⟧": the domain is read, the words fold to "values of"."""
    m = re.search(r"\b(all |the )*(positive |negative |nonnegative )?integer(s?)(?: value(s?))?(?: of)? (⟦\d+⟧)", text)
    if m is None or not _declare(rd, m.group(5), m.group(2), "integer"):
        return text
    noun = "values of " if m.group(3) or m.group(4) else "value of "  # "the greatest integer ⟦x⟧": one value
    return normalise(text[: m.start()] + (m.group(1) or "") + noun + m.group(5) + text[m.end() :])


def _first_phrase(rd: _Reading, text: str, pattern: re.Pattern[str], kinds: list[str], build: Any) -> str | None:
    for m in pattern.finditer(text):
        groups = [_segments(g) for g in m.groups()]
        if any(g in _NUMBER_WORDS for g in m.groups()):
            text = (
                text[: m.start()]
                + re.sub(
                    r"\b(" + "|".join(_NUMBER_WORDS) + r")\b",
                    lambda w: f"⟦{_new(rd, 'expression', sp.Integer(_NUMBER_WORDS[w.group(1)]))}⟧",
                    m.group(0),
                    count=1,
                )
                + text[m.end() :]
            )
            return text  # the word is a number now; the phrase is read on the next pass
        args = [
            [_operand(rd, i, "e") for i in g] if kind == "l" else _operand(rd, g[0], kind)
            for g, kind in zip(groups, kinds, strict=True)
        ]
        if any(a is None or (isinstance(a, list) and None in a) for a in args):
            continue
        kind, obj = build(*args)
        rd.used.update(i for g in groups for i in g)
        _commit(rd, [g[0] for g, k in zip(groups, kinds, strict=True) if k in ("p", "s")])
        made = _new(rd, kind, obj)
        if kinds[:1] == ["q"] and obj.is_number:
            rd.parts.add(made)  # "⟦50%⟧ of ⟦1/3⟧ of ⟦36⟧": a part of a part is a part
        return text[: m.start()] + f"⟦{made}⟧" + text[m.end() :]
    return None


def _segments(ms: str) -> list[int]:
    return [int(i) for i in re.findall(r"⟦(\d+)⟧", ms)]


def _declare(rd: _Reading, names: str, qual: str | None, noun: str) -> bool:
    qual = (qual or "").strip().replace("-", "")
    qual = qual.split(" ")[0] if qual else ""
    noun = noun.rstrip("s")
    if noun == "digit":
        return False  # a digit is an integer 0..9: a condition the solver has no domain for
    integer = noun in ("integer", "whole number")
    if noun == "whole number" and not qual:
        qual = "nonnegative"
    if not all(rd.kinds.get(i) == "letter" for i in _segments(names)):
        return False
    for i in _segments(names):
        rd.used.add(i)
        name = str(rd.objs[i])
        if qual == "positive":
            rd.domains[name] = "positive_integer" if integer else "positive"
        elif qual == "nonnegative":
            rd.domains[name] = "nonnegative_integer" if integer else "nonnegative"
        elif qual == "negative":
            rd.conditions.append(f"{name} < 0")
            if integer:
                rd.domains[name] = "integer"
        elif qual == "nonzero":
            rd.conditions.append(f"{name} != 0")
            if integer:
                rd.domains[name] = "integer"
        elif integer:
            rd.domains[name] = "integer"
    return True
