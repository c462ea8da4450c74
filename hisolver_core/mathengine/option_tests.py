"""Multiple choice decided by a property of each option, when the options themselves are the objects.

* "Which of the following equations has no real solutions?" -> count each option's real solutions.
* "Which of the following is an equation of a line parallel (perpendicular) to L [through P]?"
  -> read each option's slope and check the point.

Each test must single out exactly one option, otherwise the problem is declined.
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step, tex
from .context import Context
from .parse import ParseFailure, parse_math
from .problem import Problem

__all__ = [
    "form_option",
    "line_option",
    "plus_minus",
    "solution_count_option",
    "solution_set_option",
    "tolerance_option",
]

X, Y = sp.Symbol("x"), sp.Symbol("y")
_COUNTS = [
    (r"no", sp.Integer(0)),
    (r"exactly one|only one|one", sp.Integer(1)),
    (r"exactly two|two distinct|two", sp.Integer(2)),
    (r"infinitely many", sp.oo),
]
_COUNT_Q = re.compile(
    r"^which (?:one )?(?:of the following )?(?:equations? )?(?:has|have) (?P<n>no|exactly one|only one|one|exactly two"
    r"|two distinct|two"
    r"|infinitely many|(?:exactly )?⟦(?P<k>\d+)⟧(?: distinct)?) (?P<real>real )?(?:(?:number )?solutions?"
    r"|roots?)\s*\??$"
)


def _option_objects(options: list[tuple[str, str]]) -> list[tuple[str, sp.Basic]] | None:
    out = []
    for letter, text in options:
        body = text.strip().strip("$").strip()
        if not body or "$" in body:
            return None
        try:
            out.append((letter, parse_math(body)))
        except ParseFailure:
            return None
    return out


def _single(good: list[str]) -> str:
    if len(good) != 1:
        raise Decline("Testing the options did not single out exactly one.")
    return good[0]


def _real_solution_count(eq: sp.Equality):
    """Number of real solutions of one equation in one unknown (``oo`` for an identity); None if unknown."""
    syms = eq.free_symbols
    if len(syms) > 1:
        return None
    diff = sp.simplify(eq.lhs - eq.rhs)
    if diff == 0:
        return sp.oo
    if diff.is_number:
        return sp.Integer(0)
    x = next(iter(syms))
    xr = sp.Symbol(x.name, real=True)
    try:
        found = sp.solveset(diff.subs(x, xr), xr, domain=sp.S.Reals)
    except (NotImplementedError, ValueError, TypeError):
        return None
    if found is sp.S.EmptySet:
        return sp.Integer(0)
    return sp.Integer(len(found)) if isinstance(found, sp.FiniteSet) else None


def solution_count_option(prob: Problem) -> Solution | None:
    """ "Which of the following equations has no (exactly one, two, infinitely many) real solutions?" """
    m = _COUNT_Q.match(prob.question)
    if not m or not prob.options or len(prob.math) != (1 if m.group("k") else 0):
        return None
    if m.group("k"):  # "exactly two" written as a number
        if not re.fullmatch(r"[0-4]", prob.math[int(m.group("k"))].strip()):
            return None
        wanted = sp.Integer(int(prob.math[int(m.group("k"))]))
    else:
        wanted = next(value for pattern, value in _COUNTS if re.fullmatch(pattern, m.group("n")))
    objs = _option_objects(prob.options)
    if objs is None or not all(isinstance(o, sp.Equality) for _, o in objs):
        raise Decline("I could not read every option as an equation.")
    counts = []
    for letter, eq in objs:
        diff = sp.expand(eq.lhs - eq.rhs)
        syms = sorted(diff.free_symbols, key=lambda s: s.name)
        if not m.group("real") and syms and not (diff.is_polynomial(*syms) and sp.degree(diff, syms[0]) <= 1):
            raise Decline("The question does not say whether complex solutions count.")
        count = _real_solution_count(eq)
        if count is None:
            raise Decline("I could not count the solutions of every option.")
        counts.append((letter, eq, count))
    letter = _single([letter for letter, _, count in counts if count == wanted])
    chosen = next(eq for lt, eq, _ in counts if lt == letter)
    steps = [
        step(
            r"\text{" + f"({lt}) " + "}" + tex(eq) + r"\;\to\; " + (r"\infty" if c == sp.oo else str(c)),
            f"Option {lt} has {'infinitely many' if c == sp.oo else c} real solution(s).",
        )
        for lt, eq, c in counts
    ]
    steps.append(step(chosen, f"Only option {letter} has the number of solutions asked for."))
    hints = [
        "Solve (or simplify) each option and count its real solutions.",
        "For a quadratic, the sign of the discriminant b^2 - 4ac tells how many real solutions it has.",
        "A square can never be negative, and an equation that simplifies to a false statement has no solution.",
    ]
    sol = solved(
        prob.raw,
        "equations",
        steps,
        hints,
        chosen,
        verification="counted the real solutions of every option with SymPy",
    )
    sol.choice = letter
    return sol


_LINE_Q = re.compile(
    r"^which (?:of the following )?(?:equations? )?(?:is|could be|defines|represents) (?:an |the )?(?:equation (?:of"
    r"|for) )?"
    r"(?:a |the )?line (?:that |which )?(?:is )?(?P<rel>parallel"
    r"|perpendicular) to (?:the )?(?:line )?(?:with (?:the )?equation |given by )?⟦(?P<l>\d+)⟧"
    r"(?:,? and (?:that )?(?:passes|goes) through (?:the point )?⟦(?P<p>\d+)⟧)?\s*\??$"
)


def _line_slope(eq) -> tuple[sp.Expr, sp.Expr] | None:
    """(slope, intercept) of a non-vertical line given as an equation in x and y; None otherwise."""
    if not isinstance(eq, sp.Equality) or not eq.free_symbols <= {X, Y} or Y not in eq.free_symbols:
        return None
    diff = sp.expand(eq.lhs - eq.rhs)
    if not diff.is_polynomial(X, Y) or sp.Poly(diff, X, Y).total_degree() != 1:
        return None
    a, b, c = diff.coeff(X, 1), diff.coeff(Y, 1), diff.subs({X: 0, Y: 0})
    return sp.simplify(-a / b), sp.simplify(-c / b)


def line_option(ctx: Context) -> Solution | None:
    """ "Which of the following is an equation of a line parallel/perpendicular to L (through P)?" """
    m = _LINE_Q.match(ctx.problem.question)
    if not m or not ctx.problem.options:
        return None
    given = next((s for s in ctx.segments if s.index == int(m.group("l"))), None)
    base = _line_slope(given.obj) if given is not None else None
    if given is None or base is None:
        raise Decline("I could not read the given line.")
    point = None
    if m.group("p"):
        seg = next((s for s in ctx.segments if s.index == int(m.group("p"))), None)
        if seg is None or seg.kind != "point":
            raise Decline("I could not read the point.")
        point = seg.obj
    if len(ctx.segments) != (2 if point is not None else 1):
        raise Decline("The problem has more information than I can place.")
    if m.group("rel") == "perpendicular" and base[0] == 0:
        raise Decline("A line perpendicular to a horizontal line is vertical.")
    slope = base[0] if m.group("rel") == "parallel" else -1 / base[0]
    objs = _option_objects(ctx.problem.options)
    if objs is None:
        raise Decline("I could not read every option.")
    good = []
    for letter, eq in objs:
        line = _line_slope(eq)
        if line is None:
            raise Decline("Not every option is a non-vertical line.")
        if sp.simplify(line[0] - slope) != 0:
            continue
        if m.group("rel") == "parallel" and sp.simplify(line[1] - base[1]) == 0:
            continue  # the same line, not a parallel one
        if point is not None and sp.simplify(line[0] * point[0] + line[1] - point[1]) != 0:
            continue
        good.append(letter)
    letter = _single(good)
    chosen = dict(objs)[letter]
    steps = [
        step(given.obj, "Start from the given line."),
        step(f"m = {tex(base[0])}", "Write it as y = mx + b and read its slope."),
        step(
            f"m = {tex(slope)}",
            "Parallel lines have equal slopes."
            if m.group("rel") == "parallel"
            else "Perpendicular slopes are negative reciprocals.",
        ),
        step(chosen, f"Only option {letter} has that slope" + (" and passes through the point." if point else ".")),
    ]
    hints = [
        "Rewrite the given line in slope-intercept form y = mx + b.",
        "Parallel lines have the same slope; perpendicular slopes multiply to -1.",
        "Rewrite each option as y = mx + b and compare slopes" + (" and check the point." if point else "."),
    ]
    sol = solved(
        ctx.problem.raw,
        "slope and lines",
        steps,
        hints,
        chosen,
        verification="compared every option's slope" + (" and checked the point" if point else ""),
    )
    sol.choice = letter
    return sol


_DISPLAYS = re.compile(
    r"^(?:⟦(?P<first>\d+)⟧ )?which of the following (?:equivalent )?(?:forms? of the (?:equation|expression"
    r"|function) (?:above )?)?"
    r"(?:is equivalent to the (?:equation|expression|function) above and )?⟦?(?P<e>\d+)?⟧?,? ?"
    r"(?:displays|shows|reveals|gives) (?:the )?(?P<what>x-intercepts|zeros|roots|solutions|vertex|minimum value"
    r"|maximum value"
    r"|minimum|maximum)(?: of (?:its|the) graph"
    r"| of ⟦\d+⟧)?(?: in the xy-plane)?(?: as (?:a )?constants?(?: or coefficients?)?)?"
    r"\s*\??$"
)


def _is_factored(expr, x) -> bool:
    """A product of a constant and factors of degree one in ``x`` (powers allowed): ``(x - 2)(x - 6)``."""
    factors = expr.args if isinstance(expr, sp.Mul) else (expr,)
    linear = 0
    for factor in factors:
        base = factor.base if isinstance(factor, sp.Pow) and factor.exp.is_Integer and factor.exp > 0 else factor
        if not base.free_symbols:
            continue
        if not (base.is_polynomial(x) and sp.degree(base, x) == 1):
            return False
        linear += 1
    return linear >= 1


def _is_vertex_form(expr, x) -> bool:
    """``a(x - h)^2 + k`` as written (a square of a degree-one expression, scaled, plus a constant)."""
    terms = expr.args if isinstance(expr, sp.Add) else (expr,)
    squares = [t for t in terms if t.free_symbols]
    if len(squares) != 1:
        return False
    square = squares[0]
    core = [f for f in (square.args if isinstance(square, sp.Mul) else (square,)) if f.free_symbols]
    return (
        len(core) == 1
        and isinstance(core[0], sp.Pow)
        and core[0].exp == 2
        and core[0].base.is_polynomial(x)
        and sp.degree(core[0].base, x) == 1
    )


_APPEARS = re.compile(
    r"^(?:⟦(?P<first>\d+)⟧ )?which of the following is (?:an )?equivalent form of the (?:function|equation|expression) "
    r"(?:⟦(?P<e>\d+)⟧ )?(?:above )?in which the (?P<what>x-intercepts|zeros|roots|vertex|minimum value|maximum value"
    r"|minimum|maximum)"
    r"(?: of ⟦\d+⟧| of (?:its|the) graph)? (?:appears?|is shown|are shown"
    r"|appear) as (?:a )?constants?(?: or coefficients?)?\s*\??$"
)


def form_option(ctx: Context) -> Solution | None:
    """ "Which equivalent form of y = x^2 - 8x + 12 displays the x-intercepts (vertex) as constants?"."""
    m = _DISPLAYS.match(ctx.problem.question) or _APPEARS.match(ctx.problem.question)
    if not m or not ctx.problem.options:
        return None
    key = m.group("e") or m.group(
        "first"
    )  # "$$y = ...$$ Which of the following is equivalent to the equation above and ..."
    seg = next((s for s in ctx.segments if key and s.index == int(key)), None)
    given = seg.obj.rhs if seg is not None and seg.kind == "equation" and seg.obj.lhs == Y else seg.obj if seg else None
    if seg is None and len(ctx.functions) == 1:  # "forms of the function f(x) = x^2 - 6x + 5"
        var, body = next(iter(ctx.functions.values()))
        given = body.subs(var, X)
    if not isinstance(given, sp.Expr) or given.free_symbols != {X} or sp.degree(sp.expand(given), X) != 2:
        raise Decline("I need one quadratic in x to compare the forms with.")
    test = _is_factored if m.group("what") in ("x-intercepts", "zeros", "roots", "solutions") else _is_vertex_form
    objects = _option_objects(
        [(letter, re.sub(r"^\s*\$?\s*[a-zA-Z]\s*\(\s*x\s*\)\s*=", "$", text)) for letter, text in ctx.problem.options]
    )  # "f(x) = (x - 1)(x - 5)" is its right side
    if objects is None:
        raise Decline("I could not read every option.")
    good = []
    for letter, obj in objects:
        expr = obj.rhs if isinstance(obj, sp.Equality) and obj.lhs == Y else obj
        if isinstance(expr, sp.Expr) and sp.expand(expr - given) == 0 and test(expr, X):
            good.append(letter)
    letter = _single(good)
    chosen = dict(ctx.problem.options)[letter]
    what = "x-intercepts" if test is _is_factored else "vertex"
    steps = [
        step(f"y = {tex(given)}", "Start from the given quadratic."),
        step(
            chosen.strip().strip("$"),
            f"Option {letter} is the same quadratic (it expands back to it) and is written "
            + (
                "as a product of factors x - r: each r is an x-intercept."
                if test is _is_factored
                else "as a(x - h)^2 + k: the vertex (h, k) can be read off."
            ),
        ),
    ]
    hints = [
        "Every option may be equivalent: look at which numbers each form shows.",
        "Factored form a(x - r)(x - s) shows the x-intercepts r and s; vertex form a(x - h)^2 + k shows the vertex.",
        f"Find the equivalent form that shows the {what}.",
    ]
    sol = solved(
        ctx.problem.raw,
        "quadratics",
        steps,
        hints,
        sp.expand(given),
        verification=f"only option {letter} is equivalent and written in the form that shows the {what}",
    )
    sol.choice = letter
    return sol


_TOLERANCE = re.compile(
    r"\bdiffers? from ⟦(?P<c>\d+)⟧(?: [a-z]+)? by no more than ⟦(?P<d>\d+)⟧"
    r"|\bwithin ⟦(?P<d2>\d+)⟧(?: [a-z]+){0,3} of ⟦(?P<c2>\d+)⟧"
)


def tolerance_option(ctx: Context) -> Solution | None:
    """ "passes if the volume differs from 500 by no more than 4": the option |v - 500| <= 4 (same solution set)."""
    m = _TOLERANCE.search(ctx.problem.question)
    if (
        not m
        or not ctx.problem.options
        or not re.search(r"\bwhich of the following (?:inequalities|inequality)\b", ctx.problem.question)
    ):
        return None
    center, width = (
        next((s for s in ctx.segments if s.index == int(m.group(a) or m.group(b))), None)
        for a, b in (("c", "c2"), ("d", "d2"))
    )
    numbers = [
        seg.obj if seg is not None and isinstance(seg.obj, sp.Expr) and seg.obj.is_number else None
        for seg in (center, width)
    ]
    mid, half = numbers
    if mid is None or half is None or half <= 0:
        return None
    objects = _option_objects(ctx.problem.options)
    if objects is None:
        raise Decline("I could not read every option.")
    letters = {v for _, obj in objects if isinstance(obj, sp.Basic) for v in obj.free_symbols}
    if len(letters) != 1:
        return None
    v = sp.Symbol(next(iter(letters)).name, real=True)
    target = sp.Interval(mid - half, mid + half)
    good = []
    for letter, obj in objects:
        if not isinstance(obj, sp.core.relational.Relational):
            continue
        try:
            found = sp.solve_univariate_inequality(obj.xreplace({next(iter(letters)): v}), v, relational=False)
        except (NotImplementedError, ValueError, TypeError):
            continue
        if found == target:
            good.append(letter)
    letter = _single(good)
    steps = [
        step(
            f"{tex(mid)} - {tex(half)} \\le {tex(v)} \\le {tex(mid)} + {tex(half)}",
            "Being within a distance of a center means lying between center - distance and center + distance.",
        ),
        step(
            f"\\left|{tex(v)} - {tex(mid)}\\right| \\le {tex(half)}",
            f"Option {letter} describes exactly these values.",
        ),
    ]
    hints = [
        "Think of distance on the number line.",
        "|v - c| is the distance from v to c.",
        '"No more than d away from c" means that distance is at most d.',
    ]
    sol = solved(
        ctx.problem.raw,
        "absolute value",
        steps,
        hints,
        target,
        verification=f"option {letter} has exactly the solution set [c - d, c + d]",
    )
    sol.choice = letter
    return sol


_ALL_SOLUTIONS = re.compile(r"\b(?:describes|gives|lists|are|is) (?:all|the) (?:real )?solutions?\b|\bsolution set\b")
_NO_SOLUTION = re.compile(r"^(?:there (?:is|are) )?no (?:real )?solutions?\.?$", re.I)


def plus_minus(text: str):
    """``x = -1 \\pm \\frac{\\sqrt{15}}{3}`` -> the set of both values; None for other text."""
    body = re.sub(r"^\$?\s*[a-z]\s*=\s*", "", text.strip().strip("$")).strip()
    if body.count("\\pm") != 1:
        return None
    left, right = body.split("\\pm")
    try:
        a = parse_math(left) if left.strip() else sp.Integer(0)
        b = parse_math(right)
    except ParseFailure:
        return None
    if not all(isinstance(v, sp.Expr) and v.is_number for v in (a, b)):
        return None
    return sp.FiniteSet(a + b, a - b)


def _option_set(text: str):
    """``x = -3 only`` -> {-3}; ``x = -3 and x = 1`` -> {-3, 1}; ``There is no solution.`` -> empty; None otherwise."""
    plain = text.strip().strip("$").strip()
    if _NO_SOLUTION.match(re.sub(r"\$", "", plain)):
        return sp.S.EmptySet
    plain = re.sub(r"\s+only\.?$", "", re.sub(r"\$", "", text.strip())).strip()
    parts = re.split(r"\s+and\s+|\s*,\s*(?=[a-z]\s*=)", plain)
    values = []
    for part in parts:
        m = re.fullmatch(r"\s*[a-z]\s*=\s*(.+?)\s*", part)
        if not m:
            return None
        try:
            value = parse_math(m.group(1))
        except ParseFailure:
            return None
        if not isinstance(value, sp.Expr) or not value.is_number:
            return None
        values.append(value)
    return sp.FiniteSet(*values)


def solution_set_option(ctx: Context) -> Solution | None:
    """ "Which of the following describes all solutions to the equation above?" (extraneous roots dropped)."""
    if not ctx.problem.options or not _ALL_SOLUTIONS.search(ctx.problem.question):
        return None
    eqs = [s.obj for s in ctx.segments if s.kind == "equation"]
    if len(eqs) != 1 or len(eqs[0].free_symbols) != 1 or ctx.inequalities:
        return None
    sets = [(letter, _option_set(text)) for letter, text in ctx.problem.options]
    if any(v is None for _, v in sets):
        return None
    x = next(iter(eqs[0].free_symbols))
    xr = sp.Symbol(x.name, real=True)
    eq = eqs[0].xreplace({x: xr})
    try:
        found = sp.solveset(eq.lhs - eq.rhs, xr, domain=sp.S.Reals)
    except (NotImplementedError, ValueError, TypeError):
        return None
    if not isinstance(found, sp.FiniteSet):
        return None
    checked = sp.FiniteSet(*[v for v in found if sp.simplify(eq.lhs.subs(xr, v) - eq.rhs.subs(xr, v)) == 0])
    good = [letter for letter, v in sets if v == checked]
    letter = _single(good)
    candidates = sorted(set(found) | set().union(*[set(v) for _, v in sets if isinstance(v, sp.FiniteSet)]), key=float)

    def put(side, v):  # the value in the student's expression, bracketed when negative
        shown = sp.Symbol(f"\\left({tex(v)}\\right)" if v < 0 else tex(v))
        return tex(side.subs(x, shown))

    checks = [
        step(
            f"{put(eqs[0].lhs, v)} = {put(eqs[0].rhs, v)} \\;\\Rightarrow\\; {'true' if v in checked else 'false'}",
            f"Check {tex(v)} in the original equation: it {'works' if v in checked else 'does not work'}.",
        )
        for v in candidates[:4]
        if v.is_real
    ]
    steps = [
        step(eqs[0], "Start from the equation."),
        *checks,
        step(tex(checked) if checked else r"\varnothing", f"Option {letter} lists exactly the values that work."),
    ]
    hints = [
        "Solve the equation, but remember that squaring (or clearing fractions) can add false solutions.",
        "Check every candidate in the original equation.",
        "Keep only the candidates that make it true.",
    ]
    sol = solved(
        ctx.problem.raw,
        "equations",
        steps,
        hints,
        checked if checked else sp.S.EmptySet,
        verification="solved over the reals and checked each candidate in the original equation",
    )
    sol.choice = letter
    return sol
