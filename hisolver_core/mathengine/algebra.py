"""Equations, systems, inequalities and absolute value: solved by SymPy, verified by substitution."""

from __future__ import annotations

import re

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError  # NotAlgebraic too, which is not a PolynomialError

from ..solution import Solution, Step
from .build import Decline, one_point, rounded, solved, step, tex
from .context import Context
from .equation_steps import (
    check_step,
    final_step,
    linear_steps,
    plain_source,
    quadratic_hints,
    quadratic_steps,
    radical_steps,
)
from .inequality_steps import chain_latex, chained_inequality_steps, linear_inequality_steps
from .intent import Intent

__all__ = ["solve_equations", "solve_inequality", "values_satisfy"]

MAX_UNKNOWNS = 3


def _realify(exprs, symbols, complex_mode: bool):
    """Replace symbols by real ones (so Abs and sqrt solve properly); return (exprs, mapping back)."""
    if complex_mode:
        return exprs, {s: s for s in symbols}
    every = set(symbols).union(*(e.free_symbols for e in exprs))
    real = {s: sp.Symbol(s.name, real=True) for s in every}
    back = {v: k for k, v in real.items()}
    return [e.xreplace(real) for e in exprs], back


def values_satisfy(relations, values: dict) -> bool:
    """True when every relation holds exactly (or to 1e-12) at ``values``."""
    for rel in relations:
        try:
            if isinstance(rel, sp.Equality):
                sides = [side.subs(values) for side in (rel.lhs, rel.rhs)]
                if any(isinstance(v, sp.Basic) and v.has(sp.nan, sp.zoo, sp.oo, -sp.oo) for v in sides):
                    return False  # a side undefined there (0/0 at an excluded point) holds nothing
                diff = sp.simplify(sides[0] - sides[1])
                if diff.free_symbols:
                    if not _zero_for_positive(diff):
                        return False
                    continue
                if diff != 0 and abs(complex(sp.N(diff, 30))) > 1e-12:
                    return False
            else:
                held = rel.subs(values)
                held = sp.simplify(held) if not isinstance(held, (bool, sp.logic.boolalg.BooleanAtom)) else held
                if held is not sp.true and held is not True:
                    return False
        except (TypeError, ValueError, ZeroDivisionError):
            return False
    return True


def _zero_for_positive(expr: sp.Expr) -> bool:
    """True when ``expr`` vanishes at several positive values of its letters (answers "in terms of")."""
    syms = sorted(expr.free_symbols, key=lambda s: s.name)
    for point in (
        [sp.Rational(7, 3)] * len(syms),
        [sp.Rational(13, 5) + i for i in range(len(syms))],
        [sp.Integer(5)] * len(syms),
    ):
        try:
            value = complex(sp.N(expr.subs(dict(zip(syms, point, strict=True))), 30))
        except (TypeError, ValueError, ZeroDivisionError):
            return False
        if abs(value) > 1e-12:
            return False
    return True


def _log_of_powers(side: sp.Expr) -> sp.Expr | None:
    """``log(side)`` as a sum of exponent * log(prime) when ``side`` is a product of powers of positive numbers."""
    total = sp.Integer(0)
    for factor in sp.Mul.make_args(side):
        base, exp = factor.as_base_exp()
        if not (base.is_Rational and base.is_positive):
            return None
        for part, sign in ((base.p, 1), (base.q, -1)):
            for prime, k in sp.factorint(part, limit=10**5).items():  # a large cofactor stays as it is
                total += sign * k * exp * sp.log(prime)
    return total


def _exponents_equated(eq: sp.Eq, unknowns: list[sp.Symbol]) -> sp.Basic:
    """``9^(18n) = 27^24`` as ``36 n log 3 = 72 log 3``: exponential equations of numbers, for real unknowns.

    SymPy's own route over the complex branches of such an equation can run for minutes.
    """
    if not isinstance(eq, sp.Eq) or not any(p.exp.free_symbols & set(unknowns) for p in eq.atoms(sp.Pow)):
        return eq
    lhs, rhs = _log_of_powers(eq.lhs), _log_of_powers(eq.rhs)
    if lhs is None or rhs is None:
        return eq
    return sp.Eq(sp.expand(lhs), sp.expand(rhs))


def _solve_system(ctx: Context, eqs: list[sp.Eq], unknowns: list[sp.Symbol]) -> list[dict]:
    if any(a.args[0].has(sp.Abs) and a.free_symbols & set(unknowns) for e in eqs for a in e.atoms(sp.Abs)):
        # |x^2 |A |x||| = ...: SymPy splits every sign case of every level and can run for minutes
        raise Decline("Absolute values nested inside absolute values are more than I solve exactly.")
    real_eqs, back = _realify(eqs, unknowns, ctx.complex_mode)
    if not ctx.complex_mode:
        real_eqs = [_exponents_equated(e, list(back)) for e in real_eqs]
    forward = {k: v for v, k in back.items()}
    real_unknowns = sorted((forward[s] for s in unknowns if s in forward), key=lambda s: s.name)
    try:
        raw = sp.solve(real_eqs, real_unknowns, dict=True)
    except (NotImplementedError, ValueError, TypeError, BasePolynomialError) as exc:
        raise Decline("SymPy could not solve these equations exactly.") from exc
    sols = []
    for sol in raw:
        mapped = {back[k]: v.xreplace(back) for k, v in sol.items() if k in back}
        if any(v.free_symbols & set(unknowns) for v in mapped.values()) and len(mapped) < len(unknowns):
            mapped = {k: v for k, v in mapped.items()}
        sols.append(mapped)
    return sols


def _is_real_value(v: sp.Expr) -> bool:
    if v.free_symbols:
        return True
    try:
        return abs(complex(sp.N(v, 30)).imag) < 1e-20
    except (TypeError, ValueError):
        return False


def _target_values(ctx: Context, intent: Intent, sols: list[dict], eqs) -> tuple[list[sp.Expr], sp.Basic]:
    target = intent.target.obj if intent.target is not None else None
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)) - intent.in_terms_of, key=lambda s: s.name)
    if target is None:
        given = {e.lhs for e in eqs if isinstance(e.lhs, sp.Symbol) and e.rhs.is_number}  # "if a = 2, ..."
        open_letters = [u for u in unknowns if u not in given] if len(unknowns) > 1 else unknowns
        if len(open_letters) != 1:
            raise Decline("I cannot tell which unknown the question asks for.")
        target = open_letters[0]
    values, undecided = [], False
    for sol in sols:
        if not values_satisfy(eqs, sol):
            continue  # extraneous (e.g. from squaring or a zero denominator)
        if not ctx.complex_mode and not all(_is_real_value(v) for v in sol.values()):
            continue
        held = _side_conditions_hold(ctx, sol)
        if held is None and not _conditions_can_hold(ctx, sol):
            held = False  # "x + y = 10 and x > 20 and y > 20": no point of the solution meets them
        if not _meets_conditions(intent, sol) or held is False:
            continue
        undecided = undecided or held is None
        val = _simplify_value(target.subs(sol))
        if val.free_symbols - intent.in_terms_of:
            raise Decline("The equations do not fix the value that is asked for.")
        if val.has(sp.zoo, sp.nan, sp.oo):
            continue
        values.append(val)
    unique: list[sp.Expr] = []
    for v in values:
        if not any(_same_value(v, u) for u in unique):
            unique.append(v)
    if undecided and len(unique) > 1:
        raise Decline("A condition in the problem cannot be checked for these solutions.")
    return unique, target


def _simplify_value(value):
    if isinstance(value, sp.Tuple):
        return sp.Tuple(*(_simplify_value(v) for v in value))
    return sp.simplify(sp.powsimp(sp.powdenest(value, force=True), force=True))


def _same_value(a, b) -> bool:
    if isinstance(a, sp.Tuple) or isinstance(b, sp.Tuple):
        return a == b
    return sp.simplify(a - b) == 0


def _side_conditions_hold(ctx: Context, sol: dict) -> bool | None:
    """True when side conditions (x != 0, inequalities beside equations) hold, False if one fails,
    None when one cannot be decided (it still has letters in it)."""
    result: bool | None = True
    for cond in [*ctx.conditions, *ctx.inequalities]:
        held = cond.subs(sol)
        if isinstance(held, sp.Basic) and held.free_symbols:
            result = None
            continue
        if not bool(held):
            return False
    return result


def _conditions_can_hold(ctx: Context, sol: dict) -> bool:
    """True when the side conditions hold at some point of ``sol`` (the letters it leaves free all one number)."""
    conds = [cond.subs(sol) for cond in [*ctx.conditions, *ctx.inequalities]]
    free = set().union(*(c.free_symbols for c in conds if isinstance(c, sp.Basic)))
    return one_point(conds, free) is not None


def _identity_equations(eqs: list[sp.Eq], var: sp.Symbol) -> list[sp.Eq]:
    """Turn identities in ``var`` into equations between their coefficients
    (``var`` is I for "a + bi" forms: real and imaginary parts, the letters being real)."""
    if var == sp.I:
        out: list[sp.Eq] = []
        for eq in eqs:
            letters = {s: sp.Symbol(s.name, real=True) for s in eq.free_symbols}
            diff = sp.expand_complex(sp.simplify((eq.lhs - eq.rhs).xreplace(letters)))
            back = {v: k for k, v in letters.items()}
            out.extend(sp.Eq(part.xreplace(back), 0) for part in (sp.re(diff), sp.im(diff)) if part != 0)
        return out
    out = []
    for eq in eqs:
        if var not in eq.free_symbols:
            out.append(eq)
            continue
        num = sp.numer(sp.together(eq.lhs - eq.rhs))
        try:
            poly = sp.Poly(sp.expand(num), var)
        except sp.PolynomialError as exc:
            raise Decline("The identity is not a polynomial identity.") from exc
        out.extend(sp.Eq(c, 0) for c in poly.all_coeffs() if c != 0)
    if not out:
        raise Decline("The identity holds for every value of the constants.")
    return out


def _meets_conditions(intent: Intent, sol: dict) -> bool:
    if "distinct" in intent.conditions and len(set(sol.values())) < len(sol):
        return False  # "a and b are two distinct integers"
    for value in sol.values():
        if value.free_symbols:
            continue
        if "positive" in intent.conditions and not value.is_positive:
            return False
        if "negative" in intent.conditions and not value.is_negative:
            return False
        if "integer" in intent.conditions and not value.is_integer:
            return False
    return True


def aggregate(values: list[sp.Expr], how: str | None, ctx: Context | None):
    """Combine the solution values as the question asks; raise Decline if it is ambiguous."""
    if not values:
        raise Decline("I found no solution that satisfies every condition.")
    reals = all(v.is_real for v in values)
    if how in ("max", "min", "positive", "negative", "difference") and not reals:
        raise Decline("The solutions are not all real numbers.")
    if how == "sum":
        return sp.nsimplify(sp.simplify(sp.Add(*values))) if reals else sp.simplify(sp.Add(*values))
    if how == "product":
        return sp.simplify(sp.Mul(*values))
    if how == "count":
        return sp.Integer(len(values))
    if how == "max":
        return max(values, key=lambda v: float(v))
    if how == "min":
        return min(values, key=lambda v: float(v))
    if how in ("positive", "negative"):
        picked = [v for v in values if (v > 0 if how == "positive" else v < 0)]
        if len(picked) != 1:
            raise Decline(f"There is not exactly one {how} solution.")
        return picked[0]
    if how == "difference":
        if len(values) != 2:
            raise Decline("There are not exactly two solutions.")
        return sp.simplify(abs(values[0] - values[1]))
    if len(values) == 1:
        return values[0]
    if how == "all":
        return tuple(sorted(values, key=lambda v: float(sp.re(v)) if v.is_number else 0))
    raise Decline("The equation has several solutions and the question asks for one value.")


def _linear_steps(eq: sp.Eq, x: sp.Symbol, value) -> list[Step]:
    expr = sp.expand(eq.lhs - eq.rhs)
    a, b = expr.coeff(x, 1), expr.coeff(x, 0)
    return [
        step(sp.Eq(a * x, -b), f"Collect the {x} terms on one side and the numbers on the other."),
        step(sp.Eq(x, value), f"Divide both sides by {sp.sstr(a)}." if a != 1 else f"This gives {x} directly."),
    ]


def _equation_steps(eqs: list[sp.Eq], unknowns: list[sp.Symbol], sols: list[dict]) -> tuple[list[Step], str]:
    steps = [step(e, "Start from the given equation." if len(eqs) == 1 else "Write down the equations.") for e in eqs]
    if len(eqs) == 1 and len(unknowns) == 1:
        eq, x = eqs[0], unknowns[0]
        poly = sp.expand(eq.lhs - eq.rhs)
        if poly.is_polynomial(x) and not eq.has(sp.Abs):
            degree = sp.degree(poly, x)
            if degree == 1 and len(sols) == 1:
                return steps + (linear_steps(eq, x) or _linear_steps(eq, x, sols[0][x])), "linear equations"
            if degree == 2:
                return steps + quadratic_steps(eq, x), "quadratics"
        topic = "absolute value" if eq.has(sp.Abs) else "exponents and radicals" if eq.has(sp.Pow) else "equations"
        roots = [sol[x] for sol in sols[:3] if x in sol]
        radical = radical_steps(eq, x, roots) if len(roots) == len(sols) and not eq.has(sp.Abs) else None
        if radical is not None:
            return steps + radical, topic
        if roots:
            steps.append(
                step(
                    r" \quad \text{or} \quad ".join(f"{tex(x)} = {tex(r)}" for r in roots),
                    "Isolate the unknown, undoing each operation in turn.",
                )
            )
        return steps, topic
    given = _given_steps(eqs, unknowns, sols)
    if given is not None:
        return steps + given[0], given[1]
    from .systems import (
        elimination_steps,  # systems builds on intent, which this module also uses
    )

    worked = elimination_steps(eqs, unknowns, sols[0]) if len(sols) == 1 else None
    if worked:
        return steps + worked, "systems of equations"
    if len(sols) == 1 and len(sols[0]) <= 3:
        steps.append(
            step(
                r",\ ".join(f"{tex(u)} = {tex(sols[0][u])}" for u in unknowns if u in sols[0]),
                "Eliminate one unknown at a time by substitution or elimination.",
            )
        )
    return steps, "systems of equations"


def _given_steps(eqs: list[sp.Eq], unknowns: list[sp.Symbol], sols: list[dict]) -> tuple[list[Step], str] | None:
    """``(x - 1)/3 = k`` with ``k = 3``: put the given values in, then solve the one equation left (linear, radical
    or quadratic); the steps and their topic, or None."""
    if len(sols) != 1:
        return None
    givens = {e.lhs: e.rhs for e in eqs if isinstance(e.lhs, sp.Symbol) and e.rhs.is_number}
    rest = [e for e in eqs if not (isinstance(e.lhs, sp.Symbol) and e.lhs in givens and e.rhs.is_number)]
    if not givens or len(rest) != 1:
        return None
    put = rest[0].subs(givens)
    left = [u for u in unknowns if u not in givens]
    if not isinstance(put, sp.Eq) or len(left) != 1 or put.free_symbols != {left[0]}:
        return None
    x = left[0]
    if sols[0].get(x) is None:
        return None
    diff = sp.expand(put.lhs - put.rhs)
    worked, topic = linear_steps(put, x), "linear equations"
    if worked is None:
        worked, topic = radical_steps(put, x, [sols[0][x]]), "exponents and radicals"
    if worked is None and diff.is_polynomial(x) and sp.degree(diff, x) == 2:
        worked, topic = quadratic_steps(put, x), "quadratics"
    if worked is None:
        return None
    names = ", ".join(f"{k} = {sp.sstr(v)}" for k, v in givens.items())
    shown = sp.Eq(sp.together(rest[0].lhs.subs(givens)), sp.together(rest[0].rhs.subs(givens)), evaluate=False)
    return [step(shown, f"Substitute the given value{'s' if len(givens) > 1 else ''} {names}."), *worked], topic


def _figure(eqs, unknowns, sols, topic):
    x, y = sp.Symbol("x"), sp.Symbol("y")
    try:
        if len(eqs) == 2 and set(unknowns) == {x, y} and len(sols) == 1:
            lines = [sp.solve(e, y) for e in eqs]
            if all(len(ys) == 1 and ys[0].is_polynomial(x) and sp.degree(ys[0], x) <= 1 for ys in lines):
                pt = {"x": float(sols[0][x]), "y": float(sols[0][y])}
                return {"kind": "system", "exprs": [str(ys[0]) for ys in lines], "point": pt}
        if len(eqs) == 1 and len(unknowns) == 1 and topic in ("quadratics", "linear equations"):
            var = unknowns[0]
            poly = sp.expand(eqs[0].lhs - eqs[0].rhs).subs(var, x)
            pts = [{"x": float(s[var]), "y": 0.0, "label": "root"} for s in sols if s[var].is_real]
            return {"kind": "function", "expr": str(poly), "points": pts}
        if len(eqs) == 1 and topic == "absolute value" and all(s[unknowns[0]].is_real for s in sols):
            vals = sorted(float(s[unknowns[0]]) for s in sols)
            return {"kind": "number_line", "intervals": [[v, v, True, True] for v in vals]}
    except (TypeError, ValueError):
        return None
    return None


def _count_condition(eqs: list[sp.Eq], how: str | None) -> tuple[list[sp.Eq], list]:
    """Equations on the constants that give a 2x2 linear system no / infinitely many solutions."""
    X, Y = sp.Symbol("x"), sp.Symbol("y")
    variables = [v for v in (X, Y) if any(v in e.free_symbols for e in eqs)]
    if len(eqs) == 1 and variables == [X]:
        form = sp.expand(eqs[0].lhs - eqs[0].rhs)
        if not form.is_polynomial(X) or sp.degree(form, X) > 1:
            raise Decline("I count solutions with a constant only for linear equations.")
        conditions = [form.coeff(X, 1)] + ([form.coeff(X, 0)] if how == "infinite" else [])
        eqs_out = [sp.Eq(c, 0) for c in conditions if c != 0]
        if not eqs_out or any(e is sp.false for e in eqs_out):
            raise Decline("No single value of the constant gives that many solutions.")
        return eqs_out, [sp.Symbol("t_scale"), form.coeff(X, 0)]
    if len(eqs) != 2 or len(variables) != 2:
        raise Decline("I only handle the number of solutions of two linear equations in x and y.")
    forms = [sp.expand(e.lhs - e.rhs) for e in eqs]
    for f in forms:
        if not all(sp.degree(f, v) <= 1 for v in variables) or f.coeff(X).has(Y):
            raise Decline("The equations are not linear in x and y.")
    t = sp.Symbol("t_scale")
    combo = sp.expand(forms[0] - t * forms[1])
    coeff_eqs = [sp.Eq(combo.coeff(v), 0) for v in variables]
    constant = combo.subs({v: 0 for v in variables})
    if how == "infinite":
        return coeff_eqs + [sp.Eq(constant, 0)], [t]
    return coeff_eqs, [t, constant]


def solve_solution_count(ctx: Context, intent: Intent) -> Solution:
    """Find the constant that makes a linear system have no / infinitely many solutions."""
    eqs, extra = _count_condition(ctx.equations, intent.solution_count)
    t = extra[0]
    params = sorted(set().union(*(e.free_symbols for e in eqs)) - {t}, key=lambda s: s.name)
    if not params or intent.target is None:
        raise Decline("I cannot tell which constant the question asks for.")
    try:
        raw = sp.solve(eqs, params + [t], dict=True)
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("SymPy could not solve for the constants.") from exc
    values = []
    for sol in raw:
        if intent.solution_count == "none" and sp.simplify(extra[1].subs(sol)) == 0:
            continue  # the equations coincide: infinitely many solutions, not none
        val = sp.simplify(intent.target.obj.subs(sol))
        if val.free_symbols:
            raise Decline("The condition does not fix the value asked for.")
        values.append(val)
    answer = aggregate(list(dict.fromkeys(values)), intent.aggregate, ctx)
    words = "no solution" if intent.solution_count == "none" else "infinitely many solutions"
    steps = [step(e, "Write down the equations.") for e in ctx.equations]
    steps.append(step(r"\frac{a_1}{a_2} = \frac{b_1}{b_2}", "Parallel lines have proportional x and y coefficients."))
    steps.append(step(tex(intent.target.obj) + " = " + tex(answer), f"Choose the constant so the system has {words}."))
    hints = [
        "Two lines meet in one point unless they are parallel or the same line.",
        "Parallel lines have the same slope: make the x and y coefficients proportional.",
        "No solution: the constants are not in the same proportion; infinitely many: they are.",
    ]
    return solved(
        ctx.problem.raw,
        "systems of equations",
        steps,
        hints,
        answer,
        verification="coefficients proportional; constant terms checked",
    )


def solve_equations(ctx: Context, intent: Intent) -> Solution:
    """Solve the problem's equations for the target; verify every solution by substitution."""
    eqs = ctx.equations
    if any(e.has(sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc, sp.floor, sp.ceiling, sp.Mod) for e in eqs):
        raise Decline("Equations with periodic or step functions can have solutions SymPy does not list.")
    if not ctx.complex_mode and re.search(
        r"\b(?:complex|imaginary|non-?real) (?:solutions?|roots?|numbers?|values?)\b", ctx.problem.question
    ):
        raise Decline("The question asks about complex solutions of a real equation, which I do not enumerate.")
    if intent.identity is not None:
        eqs = _identity_equations(eqs, intent.identity)
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)) - intent.in_terms_of, key=lambda s: s.name)
    if not unknowns or len(unknowns) > MAX_UNKNOWNS:
        raise Decline("The equations have no unknowns or too many of them.")
    if len(eqs) < len(unknowns) and intent.target is not None and intent.target.kind == "symbol" and len(eqs) == 1:
        raise Decline("There are more unknowns than equations.")
    if any(e is sp.false for e in eqs):
        raise Decline("The equations contradict each other.")
    sols = _solve_system(ctx, eqs, unknowns)
    values, target = _target_values(ctx, intent, sols, eqs)
    answer = aggregate(values, intent.aggregate, ctx)
    if ctx.problem.rounding is not None and not isinstance(answer, tuple):
        answer = rounded(answer, ctx.problem.rounding)
    good = [s for s in sols if values_satisfy(eqs, s)]
    steps, topic = _equation_steps(eqs, unknowns, good)
    _show_sources(steps, eqs, _sources(ctx, eqs))
    if intent.identity is not None and intent.identity != sp.I:
        for i in range(min(len(eqs), len(steps))):
            steps[i] = Step(
                latex=steps[i].latex,
                text=f"Match the coefficients of each power of {intent.identity} on the two sides.",
            )
        steps = _identity_intro(ctx, intent.identity) + steps
    if len(unknowns) == 1 and target == unknowns[0] and intent.aggregate in (None, "all"):
        steps.append(check_step(eqs, target, answer, _sources(ctx, eqs)))
    else:
        final = final_step(target, values, intent.aggregate, answer, intent.target.source if intent.target else None)
        if not steps or steps[-1].latex != final.latex:  # a system's worked steps may already end on it
            steps.append(final)
    hints = _hints(topic, unknowns)
    given = next((s for s in steps if s.text.startswith("Substitute the given")), None)
    if given is not None:
        hints = [
            "Put the given value into the other equation.",
            f"That gives ${given.latex}$, an equation with one unknown.",
            "Undo each operation on the unknown in turn.",
        ]
    elif topic == "quadratics":
        hints = quadratic_hints(eqs[0], unknowns[0], hints, answer)
    if topic == "linear equations" and len(steps) >= 3 and given is None:
        moves = ("Collect", "Add ", "Subtract ", "Multiply both sides by", "Substitute the given")
        bare = re.compile(rf"^{re.escape(tex(unknowns[0]))}\s*=")  # "x = 5" would give the answer away
        collected = next((s for s in reversed(steps) if s.text.startswith(moves) and not bare.match(s.latex)), None)
        if collected is not None:
            hints[1] = f"Collecting terms gives ${collected.latex}$."  # the step before the answer
    verification = f"substituted {len(good)} solution(s) into every equation"
    return solved(
        ctx.problem.raw,
        topic,
        steps,
        hints,
        answer,
        verification=verification,
        figure=_figure(eqs, unknowns, good, topic),
    )


def _show_sources(steps: list[Step], eqs: list[sp.Eq], sources: list[str | None]) -> None:
    """Show the opening equations as the student wrote them (SymPy reorders terms), where the source is plain."""
    for i, (eq, source) in enumerate(zip(eqs, sources, strict=True)):
        if i < len(steps) and plain_source(source) and steps[i].latex == tex(eq) and len(source) < 80:
            shown = source.strip().replace("<=", r"\le ").replace(">=", r"\ge ")
            steps[i] = Step(latex=shown, text=steps[i].text)


def _identity_intro(ctx: Context, var: sp.Symbol) -> list[Step]:
    """The identity as written and expanded, before the coefficient equations (whose text says so)."""
    original = [e for e in ctx.equations if var in e.free_symbols][:2]
    intro = [
        step(src or e, f"Start from the identity: it holds for every value of {var}.")
        for e, src in zip(original, _sources(ctx, original), strict=True)
    ]
    for e in original:
        expanded = sp.Eq(sp.expand(e.lhs), sp.expand(e.rhs), evaluate=False)
        if tex(expanded) not in (intro[-1].latex, tex(e)):
            intro.append(step(expanded, "Expand both sides."))
    return intro


def _sources(ctx: Context, eqs: list[sp.Eq]) -> list[str | None]:
    """The LaTeX source each equation was parsed from (None where it was rewritten)."""
    by_obj = {id(seg.obj): seg.source for seg in ctx.segments if seg.kind in ("equation", "inequality")}
    return [by_obj.get(id(e)) for e in eqs]


def _hints(topic: str, unknowns) -> list[str]:
    names = ", ".join(str(u) for u in unknowns)
    if topic == "linear equations":
        return [
            f"Get all the {names} terms on one side of the equation.",
            "Combine like terms so the unknown appears once.",
            "Divide both sides by the coefficient of the unknown.",
        ]
    if topic == "quadratics":
        return [
            "Move every term to one side so the equation equals zero.",
            "Try to factor; if it does not factor nicely, use the quadratic formula.",
            "Set each factor to zero (or evaluate the formula) and check each root.",
        ]
    if topic == "systems of equations":
        return [
            "Look for an unknown that is easy to isolate in one equation.",
            "Substitute it into the other equation(s), or add multiples of the equations to eliminate it.",
            f"Solve for the remaining unknown, then back-substitute to find {names}.",
        ]
    if topic == "absolute value":
        return [
            "An absolute value equals a number in two ways: the inside is that number or its opposite.",
            "Write the two cases as separate equations and solve each.",
            "Check each candidate in the original equation: some may not work.",
        ]
    return [
        "Undo the operations around the unknown one at a time.",
        "Rewrite both sides with a common base or form where that helps.",
        "Check your solution in the original equation.",
    ]


def solve_inequality(ctx: Context, intent: Intent) -> Solution:
    """Solve a one-variable inequality (chained or with absolute value) as an interval set."""
    rels = ctx.inequalities
    syms = set().union(*(r.free_symbols for r in rels))
    if len(syms) != 1 or ctx.equations:
        raise Decline("I only solve inequalities in one unknown.")
    x = syms.pop()
    xr = sp.Symbol(x.name, real=True)
    parts: list[sp.Basic] = []
    for rel in rels:
        parts.extend(rel.args if isinstance(rel, sp.And) else [rel])
    try:
        solset = sp.reduce_inequalities([p.xreplace({x: xr}) for p in parts], xr).as_set()
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("SymPy could not solve this inequality.") from exc
    if intent.target is not None and intent.target.obj != x and (intent.aggregate or intent.conditions):
        answer, topic = _linear_extreme(intent, intent.target.obj, x, solset), "inequalities"
    else:
        answer, topic = _inequality_answer(solset, intent)
    steps = [step(r, "Start from the given inequality.") for r in rels]
    _show_sources(steps, rels, _sources(ctx, rels))
    for i, rel in enumerate(rels):  # not as typed: one chain rather than SymPy's two relations joined by a wedge
        if steps[i].latex == tex(rel) and chain_latex(rel, x):
            steps[i] = step(chain_latex(rel, x), steps[i].text)
    worked = linear_inequality_steps(rels[0], x) if len(rels) == 1 else None
    worked = worked or chained_inequality_steps(rels[0] if len(rels) == 1 else sp.And(*rels), x)
    if worked:
        steps.extend(worked)
        steps.append(step(tex(solset), "Write the solution set in interval notation."))
    else:
        steps.append(
            step(tex(solset), "Solve as for an equation, flipping the sign when multiplying or dividing by a negative.")
        )
    if answer != solset:
        steps.append(step(tex(answer), "Read off what the question asks from the solution set."))
    hints = [
        "Treat the inequality like an equation, but watch the direction of the sign.",
        "Multiplying or dividing by a negative number reverses the inequality.",
        "Write the solution set and check one value from inside it.",
    ]
    return solved(
        ctx.problem.raw,
        topic,
        steps,
        hints,
        answer,
        verification="checked with SymPy's inequality solver",
        figure=_interval_figure(solset),
    )


def _inequality_answer(solset: sp.Set, intent: Intent):
    how = intent.aggregate
    q_integer = "integer" in intent.conditions
    if how == "count" and not q_integer and not solset.is_empty:
        if isinstance(solset, sp.FiniteSet):
            return sp.Integer(len(solset)), "inequalities"
        raise Decline("The inequality has infinitely many real solutions, and the question does not say integers.")
    if how in (None, "all") and not intent.conditions:  # "Solve 3x - 4 > 5": the solution set
        return solset, "inequalities"
    if solset.is_empty and how == "count":
        return sp.Integer(0), "inequalities"  # "how many integers satisfy ...": none
    if solset.is_empty:
        raise Decline("The inequality has no solution.")
    if "positive" in intent.conditions:  # bound the set first: "positive integers with n < 14/3" are finitely many
        solset = solset.intersect(sp.Interval.open(0, sp.oo))
    if "negative" in intent.conditions:
        solset = solset.intersect(sp.Interval.open(-sp.oo, 0))
    if solset.is_empty and how == "count":
        return sp.Integer(0), "inequalities"
    if solset.is_empty:
        raise Decline("No value of the sign asked for satisfies the inequality.")
    lo, hi = solset.inf, solset.sup
    ints = None
    if q_integer:
        if not (lo.is_finite and hi.is_finite) or hi - lo > 10000:
            if how == "max" and hi.is_finite:
                ints = [v for v in range(int(sp.floor(hi)) - 2, int(sp.floor(hi)) + 1) if sp.Integer(v) in solset]
            elif how == "min" and lo.is_finite:
                ints = [v for v in range(int(sp.ceiling(lo)), int(sp.ceiling(lo)) + 3) if sp.Integer(v) in solset]
            else:
                raise Decline("There are infinitely many integer solutions.")
        else:
            ints = [v for v in range(int(sp.ceiling(lo)), int(sp.floor(hi)) + 1) if sp.Integer(v) in solset]
        if not ints and how == "count":
            return sp.Integer(0), "inequalities"  # "for how many positive integers ...": none, so 0
        if not ints:
            raise Decline("No integer satisfies the inequality.")
        values = [sp.Integer(v) for v in ints]
        if how in ("max", "min", "sum", "product", "count"):
            return aggregate(values, how, None), "inequalities"
        if how is None and len(values) == 1:
            return values[0], "inequalities"
        raise Decline("I cannot tell which integer the question asks for.")
    if how in ("min", "max") and not intent.conditions:
        bound = lo if how == "min" else hi
        if bound.is_finite and bound in solset:  # a closed end: the least / greatest value exists
            return bound, "inequalities"
        raise Decline(f"The solution set has no {'least' if how == 'min' else 'greatest'} value.")
    raise Decline("I cannot tell what the question asks about the solution set.")


def _linear_extreme(intent: Intent, expr, x: sp.Symbol, solset: sp.Set):
    """Least / greatest value of a linear expression in x over the solution set: reached at a closed end."""
    expr = sp.expand(expr.subs(sp.Symbol(x.name, real=True), x)) if isinstance(expr, sp.Expr) else None
    if (
        intent.conditions
        or intent.aggregate not in ("min", "max")
        or expr is None
        or expr.free_symbols != {x}
        or not expr.is_polynomial(x)
        or sp.degree(expr, x) != 1
    ):
        raise Decline("I read off values of the unknown itself, not of an expression in it.")
    rising = expr.coeff(x, 1) > 0
    bound = solset.inf if (intent.aggregate == "min") == rising else solset.sup
    if not bound.is_finite or bound not in solset:
        raise Decline("The expression has no least or greatest value on the solution set.")
    return expr.subs(x, bound)


def _interval_figure(solset: sp.Set) -> dict | None:
    pieces = solset.args if isinstance(solset, sp.Union) else [solset]
    intervals = []
    for p in pieces:
        if not isinstance(p, sp.Interval):
            return None
        lo = None if p.start.is_infinite else float(p.start)
        hi = None if p.end.is_infinite else float(p.end)
        intervals.append([lo, hi, not p.left_open, not p.right_open])
    return {"kind": "number_line", "intervals": intervals}
