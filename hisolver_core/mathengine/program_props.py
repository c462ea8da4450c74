"""Property targets of a ``MathProgram``: intercepts, zeros, vertex, extremes, slope, circle centre and radius.

The object (``target.of``) is a defined function's name, an equation ``y = ...``, a line or circle
equation in ``x`` and ``y``, or an expression in one letter. Each answer is checked against the
object (a zero is put back in, the vertex form is expanded back, the circle's equation is rebuilt).
"""

from __future__ import annotations

import sympy as sp
from sympy.calculus.util import continuous_domain

from ..solution import Solution, Step
from .build import Decline, solved, step, tex
from .program_read import ReadProgram
from .program_steps import number, show

__all__ = ["solve_property"]

_X, _Y = sp.Symbol("x"), sp.Symbol("y")
_LINE_HINTS = [
    "Write the line in slope-intercept form, y = mx + b.",
    "The slope is the coefficient m of x; the y-intercept is b.",
    "From two points on the line, the slope is the change in y over the change in x.",
]
_QUADRATIC_HINTS = [
    "A quadratic's graph is a parabola; its vertex lies on the axis of symmetry x = -b/(2a).",
    "Find the x-coordinate of the vertex first, then put it into the function.",
    "If a > 0 the parabola opens up (a minimum); if a < 0 it opens down (a maximum).",
]
_ZERO_HINTS = [
    "A zero (x-intercept) is where the function's value is 0: set it equal to 0.",
    "Solve the equation, factoring where you can.",
    "Check each solution by putting it back into the function.",
]
_CIRCLE_HINTS = [
    "The standard form of a circle is (x - h)^2 + (y - k)^2 = r^2.",
    "Group the x terms and the y terms, then complete the square for each.",
    "Read the centre (h, k) and the radius r from the standard form.",
]


def _object(read: ReadProgram) -> tuple[str, sp.Basic, sp.Symbol | None, str]:
    """(kind, object, variable, name): kind is "function" (expr in var) or "curve" (an equation in x and y)."""
    of = read.program.target.of
    if not of:
        raise Decline("A property target needs the object it is a property of.")
    if of in read.functions:
        var, body = read.functions[of]
        return "function", body, var, f"{of}({var})"
    obj = read.parse(of, "object of the property")
    if isinstance(obj, sp.Equality):
        for lhs, rhs in ((obj.lhs, obj.rhs), (obj.rhs, obj.lhs)):
            if lhs == _Y and _Y not in rhs.free_symbols and rhs.free_symbols <= {_X}:
                return "function", rhs, _X, "y"
        if obj.free_symbols <= {_X, _Y}:
            return "curve", obj, None, tex(obj)
    if isinstance(obj, sp.Expr) and len(obj.free_symbols) == 1:
        var = next(iter(obj.free_symbols))
        return "function", obj, var, tex(obj)
    raise Decline("I cannot tell what the property is a property of.")


def solve_property(read: ReadProgram) -> Solution:
    """The property asked for; raise Decline when it does not exist or cannot be found exactly."""
    prop = read.program.target.property
    kind, obj, var, name = _object(read)
    if kind == "curve":
        if prop in ("center", "radius"):
            return _circle(read, obj, prop)
        obj, var, name = _as_function(obj), _X, "y"
    assert var is not None and isinstance(obj, sp.Expr)
    if prop in ("zeros", "x_intercepts"):
        return _zeros(read, obj, var, name, prop)
    if prop == "y_intercept":
        value = obj.subs(var, 0)
        if not value.is_finite:
            raise Decline("The graph does not cross the y-axis.")
        steps = [
            step(f"{name} = {show(read, obj)}", "Start from the function."),
            step(f"{show(read, obj.subs(var, sp.UnevaluatedExpr(0)))} = {show(read, value)}", f"Put {var} = 0 in."),
        ]
        return _solved(read, "linear functions", steps, _LINE_HINTS, value, f"evaluated at {var} = 0")
    if prop == "slope":
        return _slope(read, obj, var, name)
    if prop in ("perpendicular_slope", "parallel_slope"):
        return _other_slope(read, _slope(read, obj, var, name), prop)
    if prop in ("vertex", "maximum", "minimum", "axis_of_symmetry", "argmin", "argmax"):
        return _quadratic(read, obj, var, name, prop)
    if prop == "vertical_asymptotes":
        return _vertical_asymptotes(read, obj, var, name)
    if prop in ("domain_least_integer", "domain_greatest_integer"):
        return _domain_integer(read, obj, var, name, prop == "domain_least_integer")
    raise Decline(f"The property {prop} is not one I find for functions.")


def _vertical_asymptotes(read: ReadProgram, f: sp.Expr, x: sp.Symbol, name: str) -> Solution:
    """How many vertical asymptotes a rational function has: the real zeros of its denominator once the
    common factors are cancelled (a cancelled zero is a hole)."""
    if not f.is_rational_function(x):
        raise Decline("Vertical asymptotes are counted here for rational functions only.")
    top, bottom = sp.fraction(sp.cancel(sp.together(f)))
    if not bottom.free_symbols:
        raise Decline("The denominator has no zero, so nothing is counted.")  # a polynomial has none
    zeros = sorted(sp.Poly(bottom, x).real_roots(), key=float)
    zeros = list(dict.fromkeys(zeros))
    answer = sp.Integer(len(zeros))
    before = sp.fraction(sp.together(f))[1]
    steps = [
        step(f"{name} = {show(read, f)}", "Start from the function."),
        step(f"{tex(sp.factor(before))} = 0", "Factor the denominator."),
        step(
            f"\\frac{{{tex(sp.factor(top))}}}{{{tex(sp.factor(bottom))}}}",
            "Cancel any factor the numerator shares: it leaves a hole, not an asymptote.",
        ),
        step(", ".join(f"{tex(x)} = {tex(z)}" for z in zeros) or "\\varnothing", "Each zero left is an asymptote."),
    ]
    hints = [
        "A vertical asymptote is where the denominator is 0 and the numerator is not.",
        "Factor both; cancel common factors; count the distinct real zeros left in the denominator.",
    ]
    return _solved(read, "functions", steps, hints, answer, "counted the real zeros of the reduced denominator")


def _domain_integer(read: ReadProgram, f: sp.Expr, x: sp.Symbol, name: str, least: bool) -> Solution:
    """The least (greatest) integer where ``f`` is a real number: roots of nonnegatives, no zero denominator."""
    if "integer" not in read.domains.get(x, ""):
        raise Decline("The question asks for an extreme value of a real letter where the expression is defined.")
    xr = sp.Symbol(x.name, real=True)
    g = f.xreplace({x: xr})
    try:
        where = continuous_domain(g, xr, sp.S.Reals)
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("I cannot find where the expression is defined.") from exc
    if where is sp.S.EmptySet:
        raise Decline("The expression is defined for no real number.")
    end = where.inf if least else where.sup
    if not end.is_finite:
        raise Decline(f"The expression is defined for integers without a {'least' if least else 'greatest'} one.")
    start = int(sp.ceiling(end) if least else sp.floor(end))
    found = next(
        (k for k in (start + d * (1 if least else -1) for d in range(4)) if where.contains(k) is sp.true), None
    )
    if found is None or not g.subs(xr, found).is_real:
        raise Decline("I cannot find that integer exactly.")
    answer = sp.Integer(found)
    steps = [
        step(f"{name} = {show(read, f)}", "Start from the expression."),
        step(
            f"{tex(xr)} \\in {tex(where)}",
            "It is defined where each square root's inside is at least 0 and no denominator is 0.",
        ),
        step(f"{tex(xr)} = {answer}", f"The {'least' if least else 'greatest'} integer in that set."),
    ]
    hints = [
        "Where is the expression a real number? A square root needs a nonnegative inside; a denominator cannot be 0.",
        "Solve those conditions together, then look for the integer asked for.",
    ]
    return _solved(read, "functions", steps, hints, answer, "the integer lies in the domain and its neighbour does not")


def _as_function(eq: sp.Equality) -> sp.Expr:
    found = sp.solve(eq, _Y)
    if len(found) != 1 or found[0].free_symbols - {_X}:
        raise Decline("The equation does not give y as one function of x.")
    return found[0]


def _solved(read: ReadProgram, topic: str, steps: list[Step], hints: list[str], answer, how: str) -> Solution:
    return solved(read.problem, topic, steps, hints, answer, verification=how, answer_latex=show(read, answer))


def _zeros(read: ReadProgram, f: sp.Expr, x: sp.Symbol, name: str, prop: str) -> Solution:
    xr = sp.Symbol(x.name, real=True)
    try:
        found = sp.solveset(f.xreplace({x: xr}), xr, domain=sp.S.Reals)
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("SymPy could not find the zeros exactly.") from exc
    if not isinstance(found, sp.FiniteSet) or not found:
        raise Decline("The function has no zeros I can list.")
    roots = sorted(found.xreplace({xr: x}), key=lambda r: float(r))
    if any(sp.simplify(f.subs(x, r)) != 0 for r in roots):
        raise Decline("A zero did not check out.")
    steps = [step(f"{show(read, f)} = 0", f"Set {name} equal to 0.")]
    poly = sp.expand(f)
    if poly.is_polynomial(x) and sp.degree(poly, x) == 2:
        from .equation_steps import quadratic_steps

        steps += quadratic_steps(sp.Eq(f, 0), x)
    answers = [sp.Tuple(r, 0) for r in roots] if prop == "x_intercepts" else roots
    steps.append(
        step(
            r",\quad ".join(show(read, a) for a in answers),
            "These are the zeros." if prop == "zeros" else "Each zero gives an x-intercept (x, 0).",
        )
    )
    answer = answers[0] if len(answers) == 1 else tuple(answers)
    return _solved(
        read, "functions", steps, _ZERO_HINTS, answer, f"put each of the {len(roots)} zero(s) back in: the value is 0"
    )


def _slope(read: ReadProgram, f: sp.Expr, x: sp.Symbol, name: str) -> Solution:
    poly = sp.expand(f)
    if not poly.is_polynomial(x) or sp.degree(poly, x) != 1:
        raise Decline("Only a line has one slope.")
    m, b = poly.coeff(x, 1), poly.coeff(x, 0)
    steps = [
        step(f"{name} = {show(read, m * x + b)}", "Write the line in slope-intercept form y = mx + b."),
        step(f"m = {show(read, m)}", f"The slope is the coefficient of {x}."),
    ]
    two = (f.subs(x, 1) - f.subs(x, 0)) / 1
    if sp.simplify(two - m) != 0:
        raise Decline("The slope did not check out.")
    return _solved(
        read, "linear functions", steps, _LINE_HINTS, m, f"checked with two points: f(1) - f(0) = {sp.sstr(m)}"
    )


def _other_slope(read: ReadProgram, line: Solution, prop: str) -> Solution:
    """The slope of a line parallel (the same) or perpendicular (the negative reciprocal) to the line."""
    m = line.answer
    if prop == "parallel_slope":
        line.steps.append(step(f"m = {show(read, m)}", "A parallel line has the same slope."))
        return line
    if m == 0:
        raise Decline("A line perpendicular to a horizontal line is vertical: it has no slope.")
    answer = sp.Integer(-1) / m
    line.steps.append(
        step(f"-\\frac{{1}}{{m}} = {show(read, answer)}", "A perpendicular line's slope is the negative reciprocal.")
    )
    return _solved(read, "linear functions", line.steps, _LINE_HINTS, answer, f"{sp.sstr(m)} * {sp.sstr(answer)} = -1")


def _quadratic(read: ReadProgram, f: sp.Expr, x: sp.Symbol, name: str, prop: str) -> Solution:
    poly = sp.expand(f)
    if not poly.is_polynomial(x) or sp.degree(poly, x) != 2:
        raise Decline(f"I find the {prop.replace('_', ' ')} only of quadratics.")
    a, b, c = (poly.coeff(x, k) for k in (2, 1, 0))
    if not all(v.is_real for v in (a, b, c)):
        raise Decline("The quadratic's coefficients are not all numbers.")
    h = sp.simplify(-b / (2 * a))
    k = sp.simplify(f.subs(x, h))
    if sp.expand(a * (x - h) ** 2 + k - poly) != 0:
        raise Decline("The vertex form did not check out.")
    steps = [
        step(f"{name} = {show(read, poly)}", "Write the quadratic as ax^2 + bx + c."),
        step(f"{tex(x)} = -\\frac{{b}}{{2a}} = {show(read, h)}", "The vertex is on the axis of symmetry."),
        step(f"{show(read, f.subs(x, sp.UnevaluatedExpr(h)))} = {show(read, k)}", f"Put {x} = {number(read, h)} in."),
    ]
    if prop == "vertex":
        answer = sp.Tuple(h, k)
    elif prop == "axis_of_symmetry":
        answer = h
    elif prop in ("argmin", "argmax"):  # where the minimum (maximum) is: only when the parabola has one
        if (prop == "argmax") != bool(a < 0):
            raise Decline(f"This parabola opens {'up' if a > 0 else 'down'}, so it has no {prop[3:]}imum.")
        answer = h
    else:
        if (prop == "maximum") != bool(a < 0):
            raise Decline(f"This parabola opens {'up' if a > 0 else 'down'}, so it has no {prop}.")
        answer = k
        steps.append(
            step(
                f"{prop[:3]} = {show(read, k)}",
                f"a = {number(read, a)} is {'negative' if a < 0 else 'positive'}, so the vertex is the {prop}.",
            )
        )
    return _solved(
        read,
        "quadratics",
        steps,
        _QUADRATIC_HINTS,
        answer,
        "the vertex form a(x - h)^2 + k expands back to the function",
    )


def _circle(read: ReadProgram, eq: sp.Equality, prop: str) -> Solution:
    diff = sp.expand(eq.lhs - eq.rhs)
    if not diff.is_polynomial(_X, _Y):
        raise Decline("The equation is not a circle's.")
    poly = sp.Poly(diff, _X, _Y)
    a, a2 = poly.coeff_monomial(_X**2), poly.coeff_monomial(_Y**2)
    if a == 0 or a != a2 or poly.coeff_monomial(_X * _Y) != 0 or poly.total_degree() != 2:
        raise Decline("The equation is not a circle's.")
    d, e, f = poly.coeff_monomial(_X), poly.coeff_monomial(_Y), poly.coeff_monomial(1)
    h, k = -d / (2 * a), -e / (2 * a)
    r2 = sp.simplify(h**2 + k**2 - f / a)
    if not (r2.is_number and r2.is_positive):
        raise Decline("The equation does not describe a circle with a positive radius.")
    if sp.expand(a * ((_X - h) ** 2 + (_Y - k) ** 2 - r2) - diff) != 0:
        raise Decline("The standard form did not check out.")
    r = sp.sqrt(r2)
    standard = f"\\left({tex(_X - h)}\\right)^2 + \\left({tex(_Y - k)}\\right)^2 = {show(read, r2)}"
    steps = [
        step(show(read, eq), "Start from the circle's equation."),
        step(standard, "Complete the square in x and in y."),
        step(
            f"(h, k) = {show(read, sp.Tuple(h, k))},\\quad r = \\sqrt{{{show(read, r2)}}} = {show(read, r)}",
            "Read the centre and radius.",
        ),
    ]
    answer = sp.Tuple(h, k) if prop == "center" else r
    return _solved(
        read, "circles", steps, _CIRCLE_HINTS, answer, "the standard form expands back to the given equation"
    )
