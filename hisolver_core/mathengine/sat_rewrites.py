"""Verbal rules for SAT phrasings about systems and factors, applied to a parsed :class:`Context`.

* "the lines E1 and E2 intersect at the point (a, b)" -> E1, E2 with x = a, y = b.
* "(a, b) is the solution to the system ..." -> every equation in x and y with x = a, y = b.
* "the x-coordinate of the point of intersection of E1 and E2" -> x, where E1 and E2 hold.
* "x - 3 is a factor of P" (or "P is divisible by x - 3") -> P is zero at x = 3 (the factor theorem).
* "y = kx ... y = 12 when x = 3" -> 12 = 3k.
* "x^2 + bx + 9 = 0 has exactly one real solution" -> b^2 - 36 = 0 (the discriminant is zero).
* "(3 + 2i)(1 - 4i) = a + bi, where a and b are real" -> real parts equal, imaginary parts equal.
* "x > 1 and x^{3a} / x^{a-2} = x^{12}" -> the exponents are equal.

Each rule rewrites ``ctx.problem.text`` and ``ctx.segments`` in place and returns True when it applied.
"""

from __future__ import annotations

import re

import sympy as sp

from .segments import Context, Segment, _kind

__all__ = ["apply_sat_rules"]

X, Y = sp.Symbol("x"), sp.Symbol("y")
_LINES = r"(?:the )?(?:two )?(?:lines|graphs|curves)?(?: (?:with equations|of|given by))? ?"


def _seg(ctx: Context, k: str) -> Segment | None:
    return next((s for s in ctx.segments if s.index == int(k)), None)


def _add(ctx: Context, obj, source: str) -> str:
    index = len(ctx.problem.math)
    ctx.problem.math.append(source)
    ctx.segments.append(Segment(index=index, source=source, obj=obj, kind=_kind(obj)))
    return f"⟦{index}⟧"


def _replace(ctx: Context, m: re.Match | None, text: str) -> None:
    assert m is not None, "the rewritten phrase was just found in this text"
    used = {int(k) for k in re.findall(r"⟦(\d+)⟧", m.group(0))}
    ctx.segments = [s for s in ctx.segments if s.index not in used]
    whole = ctx.problem.text
    new = whole[: m.start()] + " " + text + " " + whole[m.end() :]
    ctx.problem.text = re.sub(r" ([,.;:?!])", r"\1", re.sub(r"[ \t]+", " ", new)).strip()


def _line_pair(ctx: Context, m: re.Match) -> tuple[sp.Eq, sp.Eq] | None:
    a, b = _seg(ctx, m.group("a")), _seg(ctx, m.group("b"))
    if a is None or b is None or a.kind != "equation" or b.kind != "equation":
        return None
    if not (a.obj.free_symbols <= {X, Y} and b.obj.free_symbols <= {X, Y}):
        return None
    return a.obj, b.obj


def _point_symbols(seg: Segment | None):
    """(p, q) of a point named by letters or expressions other than x and y; None otherwise."""
    if seg is None or not isinstance(seg.obj, (sp.Tuple, tuple)) or len(seg.obj) != 2:
        return None
    p, q = seg.obj
    if (
        not all(isinstance(v, sp.Expr) for v in (p, q))
        or (p, q) == (X, Y)
        or (p.free_symbols | q.free_symbols) & {X, Y}
    ):
        return None
    return p, q


def _intersect_at(ctx: Context) -> bool:
    m = re.search(
        rf"{_LINES}⟦(?P<a>\d+)⟧ and ⟦(?P<b>\d+)⟧ (?:intersect|meet|cross) at (?:the point |a point )?⟦(?P<p>\d+)⟧",
        ctx.problem.text,
        flags=re.I,
    )
    if not m:
        return False
    pair, point = _line_pair(ctx, m), _point_symbols(_seg(ctx, m.group("p")))
    if pair is None or point is None:
        return False
    subs = {X: point[0], Y: point[1]}
    new = [e.subs(subs, simultaneous=True) for e in pair]
    if any(e in (sp.true, sp.false) for e in new):
        return False
    _replace(ctx, m, " and ".join(_add(ctx, e, str(e)) for e in new))
    return True


def _named_solution(ctx: Context) -> bool:
    m = re.search(
        r"⟦(?P<p>\d+)⟧ is (?:the|a) (?:solution|point of intersection)\b", ctx.problem.text, flags=re.I
    ) or re.search(
        r"\b(?:the )?system(?: of equations)?(?: above)? has (?:exactly )?one solution,? ⟦(?P<p>\d+)⟧",
        ctx.problem.text,
        flags=re.I,
    )
    if not m:
        return False
    point = _point_symbols(_seg(ctx, m.group("p")))
    eqs = [s for s in ctx.segments if s.kind == "equation" and s.obj.free_symbols & {X, Y}]
    if point is None or len(eqs) < 2 or any(not s.obj.free_symbols <= {X, Y} for s in eqs) or ctx.inequalities:
        return False
    subs = {X: point[0], Y: point[1]}
    new = [s.obj.subs(subs, simultaneous=True) for s in eqs]
    if any(e in (sp.true, sp.false) for e in new):
        return False
    for seg, obj in zip(eqs, new, strict=True):
        seg.obj, seg.kind = obj, _kind(obj)
    if "has" in m.group(0).lower():  # "the system above has exactly one solution (a, b)": say it as the rule reads it
        ctx.problem.text = ctx.problem.text.replace(m.group(0), f"⟦{m.group('p')}⟧ is the solution", 1)
    return True


def _intersection_question(ctx: Context) -> bool:
    m = re.search(
        rf"(?:the (?P<c>[xy])-coordinates? of )?(?:the )?(?:point of )?intersection of {_LINES}⟦(?P<a>\d+)⟧ and "
        rf"⟦(?P<b>\d+)⟧",
        ctx.problem.text,
        flags=re.I,
    )
    if not m:
        return False
    pair = _line_pair(ctx, m)
    if pair is None:
        return False
    target = {"x": X, "y": Y}.get(m.group("c") or "", sp.Tuple(X, Y))
    eqs = " and ".join(_add(ctx, e, str(e)) for e in pair)
    _replace(ctx, m, f"{_add(ctx, target, str(target))} if {eqs}")
    return True


def _factor_theorem(ctx: Context) -> bool:
    m = re.search(
        r"⟦(?P<f>\d+)⟧ is a factor of (?:the )?(?:polynomial |expression )?⟦(?P<p>\d+)⟧", ctx.problem.text, flags=re.I
    ) or re.search(r"⟦(?P<p>\d+)⟧ is (?:evenly )?divisible by ⟦(?P<f>\d+)⟧", ctx.problem.text, flags=re.I)
    if not m:
        return False
    factor, poly = _seg(ctx, m.group("f")), _seg(ctx, m.group("p"))
    if factor is None or poly is None or factor.kind != "expression" or poly.kind != "expression":
        return False
    syms = factor.obj.free_symbols
    if len(syms) != 1:
        return False
    v = next(iter(syms))
    f = sp.expand(factor.obj)
    if not f.is_polynomial(v) or sp.degree(f, v) != 1 or not poly.obj.is_polynomial(v):
        return False
    root = sp.solve(f, v)[0]
    eq = sp.Eq(poly.obj.subs(v, root), 0)
    if eq in (sp.true, sp.false):
        return False
    _replace(ctx, m, _add(ctx, eq, str(eq)))
    return True


def _given_pair(ctx: Context) -> bool:
    """ "y = 12 when x = 3" beside a model such as y = kx: put both values into the model."""
    m = re.search(r"⟦(?P<a>\d+)⟧,? when ⟦(?P<b>\d+)⟧", ctx.problem.text)
    if not m:
        return False
    a, b = _seg(ctx, m.group("a")), _seg(ctx, m.group("b"))
    values = {}
    for seg in (a, b):
        if seg is None or seg.kind != "equation" or not isinstance(seg.obj.lhs, sp.Symbol) or seg.obj.rhs.free_symbols:
            return False
        values[seg.obj.lhs] = seg.obj.rhs
    if len(values) != 2:
        return False
    models = [s for s in ctx.segments if s.kind == "equation" and s not in (a, b) and set(values) <= s.obj.free_symbols]
    if len(models) != 1 or len(models[0].obj.free_symbols) != 3:
        return False  # the model must keep exactly one unknown constant once both values are in
    eq = models[0].obj.subs(values, simultaneous=True)
    if eq in (sp.true, sp.false):
        return False
    _replace(ctx, m, _add(ctx, eq, str(eq)))
    return True


def _the_equation_has_one(ctx: Context):
    """ "In the equation E, c is a constant. For what value of c does the equation have exactly one real solution?":
    "the equation" points back at the one equation."""
    eqs = [s for s in ctx.segments if s.kind == "equation"]
    if len(eqs) != 1:
        return None
    m = re.search(
        r"\b(?:does|will|would) the equation have exactly one (?:real )?(?:solution|root)\b"
        r"|\bthe equation has exactly one (?:real )?(?:solution|root)\b",
        ctx.problem.text,
        re.I,
    )
    if not m:
        return None
    marker = f"⟦{eqs[0].index}⟧"
    ctx.problem.text = (
        ctx.problem.text[: m.start()] + f"{marker} has exactly one real solution" + ctx.problem.text[m.end() :]
    )
    ctx.problem.text = re.sub(rf"\b[Ii]n the equation (?:{re.escape(marker)}|above), ", "", ctx.problem.text, count=1)
    return re.search(rf"⟦(?P<e>{eqs[0].index})⟧ has exactly one real solution", ctx.problem.text)


def _one_real_solution(ctx: Context) -> bool:
    """ "the equation a x^2 + b x + c = 0 has exactly one real solution", a constant unknown -> b^2 - 4ac = 0."""
    m = (
        re.search(
            r"(?:the )?(?:equation )?⟦(?P<e>\d+)⟧,? (?:where [^,.]*?,? )?has exactly one (?:real )?(?:solution|root)\b",
            ctx.problem.text,
            flags=re.I,
        )
        or re.search(
            r"\b(?:does|will|would) (?:the )?(?:equation )?⟦(?P<e>\d+)⟧ have exactly one (?:real )?(?:solution|root)\b",
            ctx.problem.text,
            flags=re.I,
        )
        or _the_equation_has_one(ctx)
    )
    if not m:
        return False
    seg = _seg(ctx, m.group("e"))
    if seg is None or seg.kind != "equation" or X not in seg.obj.free_symbols or len(seg.obj.free_symbols) != 2:
        return False
    poly = sp.expand(seg.obj.lhs - seg.obj.rhs)
    if not poly.is_polynomial(X) or sp.degree(poly, X) != 2:
        return False
    a, b, c = (poly.coeff(X, k) for k in (2, 1, 0))
    if a.free_symbols or a == 0:
        return False  # a constant in front of x^2 could make the equation linear
    disc = sp.Eq(sp.expand(b**2 - 4 * a * c), 0)
    if disc in (sp.true, sp.false):
        return False
    _replace(ctx, m, _add(ctx, disc, str(disc)))
    return True


def _complex_parts(ctx: Context) -> bool:
    """ "(3 + 2i)(1 - 4i) = a + bi, where a and b are real numbers" -> the real parts agree, and the imaginary parts."""
    if not ctx.complex_mode or not re.search(
        r"\b(?:are|is) real\b|\breal (?:numbers|constants)\b", ctx.problem.text, re.I
    ):
        return False
    changed = False
    for seg in [s for s in ctx.segments if s.kind == "equation" and s.obj.has(sp.I) and s.obj.free_symbols]:
        real = {v: sp.Symbol(v.name, real=True) for v in seg.obj.free_symbols}
        back = {r: v for v, r in real.items()}
        re_part, im_part = sp.expand((seg.obj.lhs - seg.obj.rhs).xreplace(real)).as_real_imag()
        parts = [sp.Eq(p.xreplace(back), 0) for p in (re_part, im_part)]
        parts = [p for p in parts if p is not sp.true]
        if not parts or sp.false in parts or any(p.has(sp.I, sp.re, sp.im) for p in parts):
            continue
        seg.obj, seg.kind = parts[0], _kind(parts[0])
        if len(parts) == 2:
            marker = f"⟦{seg.index}⟧"
            ctx.problem.text = ctx.problem.text.replace(
                marker, f"{marker} and {_add(ctx, parts[1], sp.latex(parts[1]))}", 1
            )
        changed = True
    return changed


def _same_base(ctx: Context) -> bool:
    """ "If x > 1 and x^{3a} / x^{a-2} = x^{12}" -> 3a - (a - 2) = 12: equal powers of one base above 1."""
    bounds = [
        s
        for s in ctx.segments
        if s.kind == "inequality"
        and isinstance(s.obj, sp.StrictGreaterThan)
        and isinstance(s.obj.lhs, sp.Symbol)
        and s.obj.rhs == 1
    ]
    changed = False
    for bound in bounds:
        base = bound.obj.lhs
        for seg in [s for s in ctx.segments if s.kind == "equation" and base in s.obj.free_symbols]:
            left, right = (
                sp.simplify(sp.expand_log(sp.log(side), force=True) / sp.log(base))
                for side in (seg.obj.lhs, seg.obj.rhs)
            )
            if any(e.has(sp.log) or base in e.free_symbols for e in (left, right)) or not (left - right).free_symbols:
                continue
            seg.obj = sp.Eq(left, right)
            seg.kind = _kind(seg.obj)
            changed = True
        if changed:
            ctx.segments.remove(bound)
            ctx.problem.text = re.sub(rf"⟦{bound.index}⟧(?: and| ,|,)?", " ", ctx.problem.text, count=1)
    return changed


def _zero_of_function(ctx: Context) -> bool:
    """ "Which of the following is (NOT) a zero of p?" -> a solution of p(x) = 0."""
    m = re.search(
        r"\b(?:a |one |the )?(?:zeros?|x-intercepts?) of (?:the function |the graph of )?⟦(?P<f>\d+)⟧",
        ctx.problem.text,
        flags=re.I,
    )
    if not m:
        return False
    name = ctx.problem.math[int(m.group("f"))].strip()
    call = re.fullmatch(r"y\s*=\s*([a-zA-Z])\s*\(\s*x\s*\)", name)  # "the graph of y = g(x)"
    name = call.group(1) if call else name
    if name not in ctx.functions:
        return False
    var, body = ctx.functions[name]
    eq = sp.Eq(body, 0)
    if eq in (sp.true, sp.false):
        return False
    _replace(ctx, m, "a solution of " + _add(ctx, eq, sp.latex(eq)))
    return True


def _function_points(ctx: Context) -> bool:
    """ "the graph of f passes through the points (0, 3) and (2, -1)" -> f(0) = 3 and f(2) = -1 (also intercepts)."""
    names = {k for k, src in enumerate(ctx.problem.math) if src.strip() in ctx.functions}
    changed = False
    # "The graph of the function f is shown above": the picture is not here; what follows must carry the data
    ctx.problem.text = re.sub(
        r"\bthe graph of (?:the )?(?:(?:linear|quadratic) )?(?:function )?(⟦\d+⟧) is shown"
        r"(?: in the [a-z]+-plane)?(?: above| below)?",
        r"the function \1",
        ctx.problem.text,
        flags=re.I,
    )
    if names:  # "The graph of the function f, defined by ..., is shown above."
        ctx.problem.text = re.sub(
            r"\bthe graph of (?=the (?:(?:linear|quadratic|exponential) )?function ⟦)", "", ctx.problem.text, flags=re.I
        )
        ctx.problem.text = re.sub(
            r",? is shown(?: in the [a-z]+-plane)?(?: above| below)?(?=[.,])", "", ctx.problem.text, flags=re.I
        )
    if len(names) == 1:  # "the graph passes through (2, -8)" with one function in the problem
        only = next(iter(names))
        ctx.problem.text = re.sub(
            r"\b(?:the|its) graph (?=(?:passes|goes) through)", f"⟦{only}⟧ ", ctx.problem.text, flags=re.I
        )
    pattern = (
        r"(?:the graph of )?⟦(?P<f>\d+)⟧ (?:passes"
        r"|goes) through (?:the )?(?:points? )?⟦(?P<p>\d+)⟧(?:,? and ⟦(?P<q>\d+)⟧)?"
        r"|(?:the graph of )?⟦(?P<g>\d+)⟧ has an? [xy]-intercept at ⟦(?P<r>\d+)⟧(?:,? and an? [xy]-intercept at "
        r"⟦(?P<s>\d+)⟧)?"
    )
    for m in list(re.finditer(pattern, ctx.problem.text, flags=re.I)):
        k = int(m.group("f") or m.group("g"))
        if k not in names:
            continue
        var, body = ctx.functions[ctx.problem.math[k].strip()]
        eqs = []
        for key in ("p", "q", "r", "s"):
            seg = _seg(ctx, m.group(key)) if m.group(key) else None
            if m.group(key) and (seg is None or not isinstance(seg.obj, (sp.Tuple, tuple)) or len(seg.obj) != 2):
                return changed
            if seg is not None:
                eqs.append(sp.Eq(body.subs(var, seg.obj[0]), seg.obj[1]))
        if not eqs or any(e in (sp.true, sp.false) for e in eqs):
            continue
        _replace(
            ctx,
            re.search(re.escape(m.group(0)), ctx.problem.text),
            " and ".join(_add(ctx, e, sp.latex(e)) for e in eqs),
        )
        changed = True
    return changed


def _defines_question(ctx: Context) -> bool:
    """ "Which of the following defines f?" for a linear or quadratic f fixed by given values: solve for its
    coefficients and ask for the option equivalent to the resulting formula."""
    m = re.search(
        r"\bwhich of the following (?:defines|could define|gives|is) ⟦(\d+)⟧\s*\??$", ctx.problem.text, flags=re.I
    )
    name = ctx.problem.math[int(m.group(1))].strip() if m else None
    if name is None or name not in ctx.templated:
        return False
    var, body = ctx.functions[name]
    coeffs = body.free_symbols - {var}
    given = [s for s in ctx.segments if s.kind == "equation" and s.obj.free_symbols and s.obj.free_symbols <= coeffs]
    if not given or ctx.inequalities:
        return False
    found = sp.solve([s.obj for s in given], sorted(coeffs, key=lambda c: c.name), dict=True)
    if len(found) != 1 or set(found[0]) != coeffs:
        return False  # the values do not fix the function
    formula = sp.expand(body.subs(found[0]))
    for seg in given:
        ctx.segments.remove(seg)
        ctx.problem.text = ctx.problem.text.replace(f"⟦{seg.index}⟧", " ", 1)
    m = re.search(
        r"\bwhich of the following (?:defines|could define|gives|is) ⟦(\d+)⟧\s*\??$", ctx.problem.text, flags=re.I
    )
    _replace(ctx, m, "which of the following is equivalent to " + _add(ctx, formula, sp.latex(formula)) + "?")
    return True


def _named_line(ctx: Context) -> bool:
    """ "Line l has equation 3x - 4y = 12. Which ... is perpendicular to line l?" -> "... to the line 3x - 4y = 12"."""
    m = re.search(r"\b(?:the )?line ⟦(?P<n>\d+)⟧ has (?:the )?equation ⟦(?P<e>\d+)⟧\.\s*", ctx.problem.text, flags=re.I)
    if not m:
        return False
    name = ctx.problem.math[int(m.group("n"))].strip()
    seg = _seg(ctx, m.group("e"))
    if seg is None or seg.kind != "equation":
        return False
    rest = ctx.problem.text[m.end() :]
    later = [k for k in re.findall(r"\bline ⟦(\d+)⟧", rest, flags=re.I) if ctx.problem.math[int(k)].strip() == name]
    if not later:
        return False
    for k in later:
        rest = re.sub(rf"\bline ⟦{k}⟧", f"line ⟦{m.group('e')}⟧", rest, count=1, flags=re.I)
        ctx.segments = [s for s in ctx.segments if s.index != int(k)]
    ctx.segments = [s for s in ctx.segments if s.index != int(m.group("n"))]
    ctx.problem.text = (ctx.problem.text[: m.start()] + rest).strip()
    return True


def _the_polynomial(ctx: Context) -> bool:
    """ "In the polynomial P, k is a constant. If x - 2 is a factor of the polynomial": name P where it is meant;
    "In the polynomial p(x) defined above," only points back at the definition."""
    changed = False
    m = re.search(
        r"\b[Ii]n the (?:polynomial|function|expression) ⟦(\d+)⟧ (?:defined|given|shown) above,\s*", ctx.problem.text
    )
    if m:
        ctx.segments = [s for s in ctx.segments if s.index != int(m.group(1))]
        ctx.problem.text = ctx.problem.text[: m.start()] + ctx.problem.text[m.end() :]
        changed = True
    m = re.search(r"\b[Ii]n the polynomial ⟦(\d+)⟧,\s*", ctx.problem.text)
    if m and re.search(r"\bof the polynomial\b", ctx.problem.text[m.end() :]):
        marker = f"⟦{m.group(1)}⟧"
        rest = re.sub(r"\bof the polynomial\b", f"of {marker}", ctx.problem.text[m.end() :], count=1)
        ctx.problem.text = ctx.problem.text[: m.start()] + rest
        changed = True
    return changed


def _intercepts_of_graph(ctx: Context) -> bool:
    """ "the x-coordinates of the x-intercepts of the graph of y = (x - 4)(2x + 3)" -> the solutions of (x - 4)(2x + 3)
    = 0."""
    m = re.search(r"\bthe x-coordinates of the x-intercepts of the graph of ⟦(\d+)⟧", ctx.problem.text, flags=re.I)
    seg = _seg(ctx, m.group(1)) if m else None
    if seg is None or seg.kind != "equation" or seg.obj.lhs != Y or seg.obj.rhs.free_symbols != {X}:
        return False
    eq = sp.Eq(seg.obj.rhs, 0)
    _replace(ctx, m, "the solutions of " + _add(ctx, eq, sp.latex(eq)))
    return True


def _line_related_first(ctx: Context) -> bool:
    """ "Line l is perpendicular to the line with equation E. Which of the following could be an equation of line l?"
    -> "Which of the following could be an equation of a line perpendicular to the line E?"."""
    m = re.search(
        r"\b[Ll]ine ⟦(?P<n>\d+)⟧ is (?P<rel>parallel|perpendicular) to the line with equation ⟦(?P<e>\d+)⟧\.\s*"
        r"[Ww]hich of the following (?P<verb>is|could be) an equation of line ⟦(?P<n2>\d+)⟧\s*\?\s*$",
        ctx.problem.text,
    )
    if not m or ctx.problem.math[int(m.group("n"))].strip() != ctx.problem.math[int(m.group("n2"))].strip():
        return False
    ctx.segments = [s for s in ctx.segments if s.index not in (int(m.group("n")), int(m.group("n2")))]
    ctx.problem.text = (
        f"Which of the following {m.group('verb')} an equation of a line {m.group('rel')} to the line ⟦{m.group('e')}⟧?"
    )
    return True


def _second_solution(ctx: Context) -> bool:
    """ "x^2 + bx + 12 = 0, where b is a constant, has two solutions, x = 2 and x = r" -> b from x = 2, then r is the
    other root (the product of the roots is 12)."""
    m = re.search(
        r"⟦(?P<e>\d+)⟧,? (?:where ⟦\d+⟧ is a constant, )?has two (?:real )?solutions,? ⟦(?P<a>\d+)⟧ and ⟦(?P<b>\d+)⟧",
        ctx.problem.text,
    )
    if not m:
        return False
    eq, known, other = (_seg(ctx, m.group(k)) for k in ("e", "a", "b"))
    if (
        eq is None
        or known is None
        or other is None
        or eq.kind != "equation"
        or known.kind != "equation"
        or other.kind != "equation"
    ):
        return False
    if (
        known.obj.lhs != X
        or known.obj.rhs.free_symbols
        or other.obj.lhs != X
        or not isinstance(other.obj.rhs, sp.Symbol)
    ):
        return False
    poly = sp.expand(eq.obj.lhs - eq.obj.rhs)
    constants = poly.free_symbols - {X}
    if not poly.is_polynomial(X) or sp.degree(poly, X) != 2 or len(constants) != 1:
        return False
    c = next(iter(constants))
    values = sp.solve(poly.subs(X, known.obj.rhs), c)
    if len(values) != 1:
        return False
    roots = [v for v in sp.solve(poly.subs(c, values[0]), X) if sp.simplify(v - known.obj.rhs) != 0]
    if len(roots) != 1:
        return False  # a double root: "two solutions" would be wrong
    r = other.obj.rhs
    new = [sp.Eq(c, values[0]), sp.Eq(r, roots[0])]
    _replace(ctx, m, " and ".join(_add(ctx, e, sp.latex(e)) for e in new))
    return True


def _what_percent(ctx: Context) -> bool:
    """ "... then x is what percent of z?" -> the value of 100 x / z."""
    m = re.search(r"⟦(?P<a>\d+)⟧ is what percent of ⟦(?P<b>\d+)⟧\s*\?", ctx.problem.text, flags=re.I)
    a, b = (_seg(ctx, m.group(k)) for k in ("a", "b")) if m else (None, None)
    if a is None or b is None or a.kind not in ("symbol", "expression") or b.kind not in ("symbol", "expression"):
        return False
    ratio = sp.Mul(100, a.obj, sp.Pow(b.obj, -1), evaluate=False)
    _replace(ctx, m, "what is the value of " + _add(ctx, ratio, sp.latex(ratio)) + "?")
    return True


def apply_sat_rules(ctx: Context) -> None:
    """Apply every rule above once, in order."""
    _what_percent(ctx)
    _line_related_first(ctx)
    _second_solution(ctx)
    _intercepts_of_graph(ctx)
    _the_polynomial(ctx)
    _named_line(ctx)
    _function_points(ctx)
    _defines_question(ctx)
    _zero_of_function(ctx)
    _complex_parts(ctx)
    _same_base(ctx)
    _given_pair(ctx)
    _one_real_solution(ctx)
    _intersect_at(ctx)
    _named_solution(ctx)
    _intersection_question(ctx)
    _factor_theorem(ctx)
