"""Lines and parabolas: slope, intercepts, zeros, vertex, axis of symmetry, extreme value, discriminant."""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution, Step
from .build import Decline, solved, step, tex
from .context import Context

__all__ = ["solve_graph_property"]

X, Y = sp.Symbol("x"), sp.Symbol("y")
_PROPERTIES = [
    ("slope", r"\bslope\b"),
    ("y_intercept", r"\by-intercept\b|\by intercept\b|intersects? the y-axis|crosses the y-axis"),
    ("x_intercepts", r"\bx-intercepts?\b|\bx intercepts?\b|intersects? the x-axis|crosses the x-axis|\bzeros?\b"),
    ("vertex", r"\bvertex\b"),
    ("axis", r"\baxis of symmetry\b"),
    ("minimum", r"\bminimum value\b|\bleast value\b|\bsmallest value\b"),
    ("maximum", r"\bmaximum value\b|\bgreatest value\b|\blargest value\b"),
    ("discriminant", r"\bdiscriminant\b"),
    ("distance", r"\bdistance\b|\blength of the (?:line )?segment\b"),
    ("midpoint", r"\bmidpoint\b"),
    (
        "equation",
        r"\bequation of the line\b|\bequation (?:for|of) (?:line|the graph)\b|\bline (?:that|which) passes through\b"
        r"|\b(?:defines?|represents?|describes?) (?:a |the )?line\b|\bline (?:that|which) (?:has"
        r"|with)\b.*\bpasses through\b",
    ),
]
_GRAPH_WORDS = {
    "slope",
    "line",
    "lines",
    "graph",
    "graphed",
    "intercept",
    "intercepts",
    "y",
    "x",
    "xy",
    "plane",
    "coordinate",
    "coordinates",
    "vertex",
    "parabola",
    "axis",
    "symmetry",
    "minimum",
    "maximum",
    "value",
    "zeros",
    "zero",
    "discriminant",
    "function",
    "defined",
    "point",
    "intersects",
    "intersect",
    "crosses",
    "least",
    "greatest",
    "smallest",
    "largest",
    "has",
    "have",
    "standard",
    "quadratic",
    "polynomial",
    "expression",
    "of",
    "the",
    "in",
    "passes",
    "passing",
    "through",
    "contains",
    "containing",
    "points",
    "between",
    "distance",
    "midpoint",
    "segment",
    "endpoints",
    "units",
    "joining",
    "connecting",
    "equation",
    "which",
    "following",
    "that",
    "length",
    "perpendicular",
    "parallel",
    "defines",
    "define",
}


def _curve(ctx: Context) -> tuple[sp.Expr, str]:
    """The curve as y = f(x), from one equation in x and y, one function, or one expression in x."""
    eqs = ctx.equations
    if len(eqs) == 1 and eqs[0].free_symbols <= {X, Y} and Y in eqs[0].free_symbols:
        sols = sp.solve(eqs[0], Y)
        if len(sols) != 1:
            raise Decline("The equation does not give y as one function of x.")
        if ctx.functions:  # "the graph of y = f(x)": the equation must be the one function itself
            var, body = next(iter(ctx.functions.values()))
            if len(ctx.functions) != 1 or sp.expand(body.subs(var, X) - sols[0]) != 0:
                raise Decline("I could not find a single line or curve to work with.")
        return sp.expand(sols[0]), tex(eqs[0])
    if len(ctx.functions) == 1 and not eqs:
        var, body = next(iter(ctx.functions.values()))
        return sp.expand(body.subs(var, X)), ctx.function_sources[next(iter(ctx.functions))]
    exprs = ctx.of_kind("expression")
    if len(exprs) == 1 and not eqs and len(exprs[0].obj.free_symbols) == 1:
        var = next(iter(exprs[0].obj.free_symbols))
        return sp.expand(exprs[0].obj.subs(var, X)), tex(exprs[0].obj)
    raise Decline("I could not find a single line or curve to work with.")


def _coordinate(ctx: Context) -> str | None:
    """ "the y-coordinate of ..." asks for one coordinate of a point."""
    text = ctx.problem.question
    m = re.search(r"\b([xy])-coordinate|⟦(\d+)⟧-coordinate", text)
    if not m:
        return None
    if m.group(1):
        return m.group(1)
    src = ctx.problem.math[int(m.group(2))].strip()
    ctx.segments = [s for s in ctx.segments if s.index != int(m.group(2))]
    return src if src in ("x", "y") else None


def _related_line(ctx: Context, q: str, asked: str) -> tuple[sp.Expr, str] | None:
    """A line perpendicular or parallel to the given line (through the given point, if any)."""
    m = re.search(r"\b(perpendicular|parallel) to\b", q)
    if not m:
        return None
    points = [s for s in ctx.segments if s.kind == "point"]
    curves = [s for s in ctx.segments if s.kind in ("equation", "expression")]
    if len(curves) != 1 or len(points) > 1:
        raise Decline("I need exactly one given line.")
    if (
        curves[0].kind == "expression"
        and curves[0].obj.is_number
        and re.search(rf"slope (?:of )?⟦{curves[0].index}⟧", q)
    ):
        m0 = curves[0].obj  # "line m has slope 1/3": the given line is known by its slope
        if m0 == 0 and m.group(1) == "perpendicular":
            raise Decline("A line perpendicular to a horizontal line is vertical.")
    else:
        base, _ = _curve_from(curves[0])
        if not base.is_polynomial(X) or sp.degree(base, X) != 1:
            raise Decline("The given curve is not a non-horizontal line.")
        m0 = base.coeff(X, 1)
    slope = -1 / m0 if m.group(1) == "perpendicular" else m0
    if points:
        sentence = next((t for t in re.split(r"[.?!;]\s", q) if re.search(r"\b(?:perpendicular|parallel) to\b", t)), "")
        if f"⟦{points[0].index}⟧" not in sentence:
            raise Decline("I cannot tell which line the given point lies on.")
        x1, y1 = points[0].obj
        return sp.expand(slope * (X - x1) + y1), f"the line {m.group(1)} to the given line"
    if asked != "slope":
        raise Decline("Only the slope of that line is known.")
    return slope * X, f"a line {m.group(1)} to the given line"


def _curve_from(seg) -> tuple[sp.Expr, str]:
    if seg.kind == "equation" and Y in seg.obj.free_symbols:
        sols = sp.solve(seg.obj, Y)
        if len(sols) != 1:
            raise Decline("The equation does not give y as one function of x.")
        return sp.expand(sols[0]), tex(seg.obj)
    if seg.kind == "expression":
        return sp.expand(seg.obj), tex(seg.obj)
    raise Decline("I could not read the given line.")


def _line_from_points(ctx: Context, q: str, asked: str) -> tuple[sp.Expr, str] | None:
    """The line through two given points, or through one point with a given slope."""
    related = _related_line(ctx, q, asked)
    if related is not None:
        return related
    points = [s for s in ctx.segments if s.kind == "point"]
    others = [s for s in ctx.segments if s.kind != "point" and not (s.kind == "symbol" and s.obj in (X, Y))]
    if len(points) == 2 and not others:
        (x1, y1), (x2, y2) = points[0].obj, points[1].obj
        if x1 == x2:
            raise Decline("The two points lie on a vertical line.")
        m = (y2 - y1) / (x2 - x1)
    elif (
        len(points) == 1
        and len(others) == 1
        and others[0].kind == "expression"
        and others[0].obj.is_number
        and re.search(rf"slope (?:of )?⟦{others[0].index}⟧", q)
    ):
        (x1, y1), m = points[0].obj, others[0].obj
    else:
        return None
    return sp.expand(m * (X - x1) + y1), "the line through the given point(s)"


def solve_graph_property(ctx: Context) -> Solution | None:
    """Answer a question about one property of a line or parabola; None when no property is asked."""
    q = ctx.problem.question
    coordinate = _coordinate(ctx)
    asked = [name for name, pattern in _PROPERTIES if re.search(pattern, q)]
    if asked:  # "line $k$" only names the line
        ctx.segments = [s for s in ctx.segments if not (s.kind == "symbol" and re.search(rf"\bline ⟦{s.index}⟧", q))]
    if "slope" in asked and len(asked) > 1 and re.search(r"(?:has|with|of) (?:a )?slope (?:of )?⟦\d+⟧", q):
        asked.remove("slope")  # the slope is given, not asked
    if "equation" in asked and len(asked) > 1:
        asked.remove("equation")
    if len(asked) != 1:
        return None
    points = [s for s in ctx.segments if s.kind == "point"]
    if asked[0] in ("distance", "midpoint"):
        return _two_points(ctx, asked[0], points, coordinate) if len(points) == 2 and len(ctx.segments) == 2 else None
    unknown = ctx.problem.unknown_words(_GRAPH_WORDS)
    if unknown and asked[0] in ("minimum", "maximum"):
        return None
    if unknown:
        raise Decline(
            f"The wording ({', '.join(sorted(set(unknown))[:5])}) needs reading that this engine does not do."
        )
    line = _line_from_points(ctx, q, asked[0])
    extra = [
        s
        for s in ctx.segments
        if not (s.kind == "symbol" and s.obj in (X, Y)) and s.kind not in ("equation", "expression")
    ]
    curves = [s for s in ctx.segments if s.kind in ("equation", "expression")]
    if line is None and (extra or len(curves) > 1):
        raise Decline("The problem has more information than one curve.")
    try:
        f, source = line or _curve(ctx)
    except Decline:
        if asked[0] in ("minimum", "maximum"):
            return None  # "the largest value of x that satisfies ..." is about solutions, not a curve
        raise
    if f.free_symbols - {X}:
        raise Decline("The curve has unknown constants.")
    if not f.is_polynomial(X) or sp.degree(f, X) > 2:
        raise Decline("I only read lines and parabolas here.")
    prop = asked[0]
    as_point = ("coordinates" in q or "point" in q or _options_are_points(ctx)) and not points
    answer, work = _property(f, prop, as_point)
    if coordinate and isinstance(answer, sp.Tuple) and len(answer) == 2:
        answer = answer[0] if coordinate == "x" else answer[1]
    marks = _marks(f)
    labels: dict[str, dict[str | None, str]] = {
        "vertex": {None: "(h, k)", "x": "h", "y": "k"},
        "axis": {None: "x"},
        "minimum": {None: r"y_{\min}"},
        "maximum": {None: r"y_{\max}"},
        "slope": {None: "m"},
    }
    label = labels.get(prop, {}).get(coordinate if prop == "vertex" else None)
    steps = [
        step(f"y = {tex(f)}", "Write the curve as y in terms of x."),
        work,
        step(f"{label} = {tex(answer)}" if label else tex(answer), "Read off the value asked for."),
    ]
    hints = _hints(prop)
    return solved(
        ctx.problem.raw,
        "slope and lines" if sp.degree(f, X) <= 1 else "quadratics",
        steps,
        hints,
        answer,
        verification="computed from the coefficients and checked on the curve",
        figure={"kind": "function", "expr": str(f), "points": marks},
    )


def _options_are_points(ctx: Context) -> bool:
    """True when every option is an ordered pair, so an intercept is answered as a point."""
    from .equivalence import to_value

    values = [to_value(text) for _, text in ctx.problem.options]
    return bool(values) and all(isinstance(v, (sp.Tuple, tuple)) and len(v) == 2 for v in values)


def _paren(value: sp.Expr) -> str:
    return f"\\left({tex(value)}\\right)" if value.is_negative else tex(value)


def _property(f: sp.Expr, prop: str, as_point: bool):
    degree = sp.degree(f, X)
    a, b, c = (f.coeff(X, k) for k in (2, 1, 0))
    if prop == "equation":
        if degree != 1:
            raise Decline("Only a line is asked for here.")
        return f, step(r"y - y_1 = m(x - x_1)", "Use the point-slope form, then solve for y.")
    if prop == "slope":
        if degree > 1:
            raise Decline("Only a line has a single slope.")
        return b, step(r"y = mx + b", "In slope-intercept form the slope is the coefficient of x.")
    if prop == "y_intercept":
        value = f.subs(X, 0)
        return (sp.Tuple(0, value) if as_point else value), step(f"y(0) = {tex(value)}", "Set x = 0.")
    if prop == "x_intercepts":
        roots = [r for r in sp.solve(sp.Eq(f, 0), X) if r.is_real]
        if not roots:
            raise Decline("The curve does not meet the x-axis.")
        roots.sort(key=float)
        work = step(sp.Eq(f, 0), "Set y = 0 and solve for x.")
        if as_point:
            pts = tuple(sp.Tuple(r, 0) for r in roots)
            return (pts[0] if len(pts) == 1 else pts), work
        return (roots[0] if len(roots) == 1 else tuple(roots)), work
    if prop == "discriminant":
        if degree != 2:
            raise Decline("The discriminant belongs to a quadratic.")
        return sp.expand(b**2 - 4 * a * c), step(r"\Delta = b^2 - 4ac", "Use the discriminant formula.")
    if degree != 2:
        raise Decline("Only a parabola has a vertex.")
    h = -b / (2 * a)
    k = sp.simplify(f.subs(X, h))
    plugged = rf" = -\frac{{{tex(b)}}}{{2 \cdot {_paren(a)}}} = {tex(h)}" if a.is_number and b.is_number else ""
    work = step(r"h = -\frac{b}{2a}" + plugged, "The vertex is at x = -b/(2a).")
    if prop == "vertex":
        return sp.Tuple(h, k), work
    if prop == "axis":
        return h, work
    if prop == "minimum" and a > 0 or prop == "maximum" and a < 0:
        return k, work
    raise Decline(f"This parabola has no {prop} value.")


def _two_point_result(prop: str, p1, p2, coordinate, answer) -> str:
    """``d = \\sqrt{...} = 5``: the formula with the coordinates put in, then the value."""
    # imported here: wording imports the engine's building blocks, not this module
    from .wording import two_point_work

    if coordinate or not all(sp.sympify(v).is_number for v in (*p1, *p2)):
        return tex(answer)
    return (
        f"{two_point_work(prop, p1, p2)} = {tex(sp.simplify(answer) if not isinstance(answer, sp.Tuple) else answer)}"
    )


_AGGREGATE = re.compile(r"\b(sum|product|difference) of (?:the )?(?:x- and y-)?coordinates\b")


def _two_points(ctx: Context, prop: str, points, coordinate) -> Solution:
    q = ctx.problem.question
    (x1, y1), (x2, y2) = points[0].obj, points[1].obj
    if prop == "midpoint" and re.search(r"\bendpoints?\b", q) and not re.search(r"\bendpoints (?:at|are|of)\b", q):
        return _other_endpoint(ctx, points, coordinate)
    aggregate = _AGGREGATE.search(q)
    if aggregate and (prop != "midpoint" or aggregate.group(1) == "difference"):
        raise Decline("I do not combine the coordinates that way.")
    if prop == "distance":
        answer = sp.sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2)
        work = step(r"d = \sqrt{(x_2 - x_1)^2 + (y_2 - y_1)^2}", "Use the distance formula.")
    else:
        answer = sp.Tuple((x1 + x2) / 2, (y1 + y2) / 2)
        work = step(r"M = \left(\frac{x_1 + x_2}{2}, \frac{y_1 + y_2}{2}\right)", "Average the coordinates.")
        if coordinate:
            answer = answer[0] if coordinate == "x" else answer[1]
    steps = [
        step(f"({tex(x1)}, {tex(y1)}),\\ ({tex(x2)}, {tex(y2)})", "Label the two points."),
        work,
        step(
            _two_point_result(prop, (x1, y1), (x2, y2), coordinate, answer),
            f"Substitute the coordinates to get the {prop}.",
        ),
    ]
    if aggregate:
        answer, combined = _combine(answer, aggregate.group(1))
        steps.append(combined)
    hints = [f"Recall the {prop} formula for two points.", "Label the points (x1, y1) and (x2, y2).", work.text]
    return solved(
        ctx.problem.raw,
        "coordinate geometry",
        steps,
        hints,
        sp.simplify(answer) if not isinstance(answer, sp.Tuple) else answer,
        verification="computed exactly from the coordinates",
    )


def _combine(point: sp.Tuple, how: str) -> tuple[sp.Expr, Step]:
    """The sum or product of a point's coordinates, with its step."""
    value = point[0] + point[1] if how == "sum" else point[0] * point[1]
    sign = "+" if how == "sum" else r"\cdot"
    return value, step(
        f"{_paren(point[0])} {sign} {_paren(point[1])} = {tex(value)}", f"Take the {how} of the coordinates."
    )


def _other_endpoint(ctx: Context, points, coordinate) -> Solution:
    """ "One endpoint is P and the midpoint is M": the other endpoint is 2M - P."""
    q = ctx.problem.question
    mid = [
        p
        for p in points
        if re.search(
            rf"\bmidpoint (?:of (?:a |the )?(?:line )?segment )?(?:is |at |of )?(?:located at |is at )?⟦{p.index}⟧", q
        )
    ]
    if len(mid) != 1 or not re.search(r"\bother endpoint\b", q):
        raise Decline("I could not tell which point is the midpoint and which the endpoint.")
    (mx, my), (px, py) = mid[0].obj, next(p for p in points if p is not mid[0]).obj
    answer = sp.Tuple(2 * mx - px, 2 * my - py)
    steps = [
        step(f"M = ({tex(mx)}, {tex(my)}),\\ P = ({tex(px)}, {tex(py)})", "Label the midpoint and the known endpoint."),
        step(r"Q = (2x_M - x_P,\ 2y_M - y_P)", "The midpoint is halfway, so the other endpoint is as far beyond it."),
        step(f"Q = ({tex(answer[0])}, {tex(answer[1])})", "Substitute the coordinates."),
    ]
    aggregate = _AGGREGATE.search(q)
    if aggregate and aggregate.group(1) == "difference":
        raise Decline("I do not combine the coordinates that way.")
    if aggregate:
        answer, combined = _combine(answer, aggregate.group(1))
        steps.append(combined)
    elif coordinate:
        answer = answer[0] if coordinate == "x" else answer[1]
    hints = [
        "The midpoint averages the two endpoints' coordinates.",
        "Solve (x_P + x_Q)/2 = x_M for x_Q, and the same for y.",
        steps[1].text,
    ]
    return solved(
        ctx.problem.raw,
        "coordinate geometry",
        steps,
        hints,
        answer,
        verification="the midpoint of the two endpoints is the given midpoint",
    )


def _marks(f: sp.Expr) -> list[dict]:
    points = [{"x": 0.0, "y": float(f.subs(X, 0)), "label": "y-intercept"}]
    for r in sp.solve(sp.Eq(f, 0), X):
        if r.is_real:
            points.append({"x": float(r), "y": 0.0, "label": "root"})
    if sp.degree(f, X) == 2:
        a, b = f.coeff(X, 2), f.coeff(X, 1)
        h = -b / (2 * a)
        points.append({"x": float(h), "y": float(f.subs(X, h)), "label": "vertex"})
    return points


def _hints(prop: str) -> list[str]:
    table = {
        "slope": [
            "Rewrite the equation as y = mx + b.",
            "Solve for y: move the x term and divide by y's coefficient.",
            "The slope is the number multiplying x.",
        ],
        "y_intercept": [
            "The y-intercept is where the graph crosses the y-axis.",
            "On the y-axis, x = 0.",
            "Substitute x = 0 and compute y.",
        ],
        "x_intercepts": [
            "The x-intercepts are where the graph crosses the x-axis.",
            "On the x-axis, y = 0.",
            "Set the expression equal to zero and solve for x.",
        ],
        "discriminant": ["Write the quadratic as ax^2 + bx + c.", "Read off a, b and c.", "Compute b^2 - 4ac."],
    }
    return table.get(
        prop,
        [
            "Write the quadratic as ax^2 + bx + c.",
            "The vertex has x-coordinate -b/(2a).",
            "Substitute that x into the quadratic to get the y-coordinate.",
        ],
    )
