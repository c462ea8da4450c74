"""Option and parameter targets of a ``MathProgram``.

- "option": every option is tested (put into the relations, or compared with the target expression
  for "which is equivalent" questions); exactly one may satisfy them, or with ``negated`` exactly
  one may fail. Anything else is a decline.
- "parameter": the value of a letter for which the relations have no, exactly one or infinitely
  many solutions. Candidates come from the options, or from where the system's determinant (or a
  quadratic's discriminant, or a linear coefficient) vanishes; each candidate is put in and the
  solutions are counted, and exactly one candidate may give the count asked for.
"""

from __future__ import annotations

from itertools import combinations

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step, tex
from .equivalence import to_value
from .program_core import candidates, domain_failure, holds
from .program_read import ReadProgram
from .program_steps import number, show

__all__ = ["solve_option", "solve_parameter"]

_COUNT = {"none": sp.Integer(0), "one": sp.Integer(1), "infinite": sp.oo}


def _option_values(read: ReadProgram) -> list[tuple[str, object]]:
    out = []
    for letter, text in read.program.options:
        value = to_value(text)
        if value is None:
            raise Decline(f"Option {letter} could not be read.")
        out.append((letter, value))
    if len(out) < 2:
        raise Decline("An option question needs at least two options.")
    return out


def _assignment(read: ReadProgram, value) -> dict | None:
    unknowns = read.unknowns
    if isinstance(value, (sp.Tuple, tuple)) and len(value) == len(unknowns) > 1:
        return dict(zip(unknowns, value, strict=True))
    if isinstance(value, sp.Expr) and len(unknowns) == 1 and not value.free_symbols:
        return {unknowns[0]: value}
    return None


def _equivalent(read: ReadProgram, expr: sp.Expr, value) -> bool:
    if not isinstance(value, sp.Expr):
        return False
    diff = expr - value
    if read.equations:
        sols = candidates(read, read.unknowns[: len(read.equations)])
        return bool(sols) and all(sp.simplify(diff.subs(s)) == 0 for s in sols)
    return sp.simplify(diff) == 0 or sp.simplify(sp.expand(diff)) == 0


def solve_option(read: ReadProgram) -> Solution:
    """The one option that satisfies the relations (or, negated, the one that fails); raise Decline otherwise."""
    target = read.program.target
    values = _option_values(read)
    expr = read.parse(target.expr, "target") if target.expr else None
    if expr is None and not read.relations:
        raise Decline("An option question needs relations to test the options against.")
    steps = [step(show(read, r), "Write down the relations.") for r in read.relations]
    if expr is not None:
        steps.insert(0, step(show(read, expr), "Start from the expression."))
    good: list[tuple[str, object]] = []
    bad: list[tuple[str, object]] = []
    for letter, value in values:
        if expr is not None:
            ok = _equivalent(read, expr, value)
            text = "is equivalent to the expression" if ok else "is not equivalent to the expression"
        else:
            put = _assignment(read, value)
            if put is None:
                raise Decline(f"Option {letter} does not give a value for each unknown.")
            ok = holds(read, read.relations, put) and domain_failure(read, put) is None
            text = "satisfies every relation" if ok else "fails a relation"
        (good if ok else bad).append((letter, value))
        steps.append(step(f"\\text{{({letter})}}\\ {show(read, value)}", f"Option {letter} {text}."))
    picked = bad if target.negated else good
    if len(picked) != 1:
        which = "fails" if target.negated else "works"
        raise Decline(f"{len(picked)} options {which} instead of exactly one.")
    letter, value = picked[0]
    steps.append(step(f"\\text{{({letter})}}\\ {show(read, value)}", f"Option {letter} is the answer."))
    if target.negated:
        hints = [
            "The question asks for the option that does NOT work: test each one.",
            "Substitute each option into the relations (or simplify it and compare).",
            "Every option but one works; the one that fails is the answer.",
        ]
    else:
        hints = [
            "Test each option: substitute it into the relations (or simplify it and compare).",
            "An option that breaks any one relation is out.",
            "Exactly one option should survive every test.",
        ]
    sol = solved(
        read.problem,
        "multiple choice",
        steps,
        hints,
        value,
        verification=f"tested all {len(values)} options; only option {letter} "
        + ("fails" if target.negated else "satisfies"),
        answer_latex=show(read, value),
    )
    sol.choice = letter
    return sol


# --- parameter ----------------------------------------------------------------------------------------------


def _linear(eqs: list, unknowns: list) -> bool:
    for e in eqs:
        diff = sp.expand(e.lhs - e.rhs)
        if not diff.is_polynomial(*unknowns) or sp.Poly(diff, *unknowns).total_degree() > 1:
            return False
    return True


def count_solutions(eqs: list, unknowns: list) -> sp.Expr:
    """How many solutions (0, n, or oo) the equations have in ``unknowns``; raise Decline when unsure."""
    eqs = [e for e in eqs if e is not sp.true]
    if any(e is sp.false for e in eqs):
        return sp.Integer(0)
    if not eqs:
        return sp.oo
    if _linear(eqs, unknowns):
        found = sp.linsolve(eqs, unknowns)
        if found is sp.EmptySet or not found:
            return sp.Integer(0)
        point = next(iter(found))
        return sp.oo if any(v.free_symbols & set(unknowns) for v in point) else sp.Integer(1)
    if len(eqs) == 1 and len(unknowns) == 1:
        x = unknowns[0]
        xr = sp.Symbol(x.name, real=True)
        try:
            found = sp.solveset((eqs[0].lhs - eqs[0].rhs).xreplace({x: xr}), xr, domain=sp.S.Reals)
        except (NotImplementedError, ValueError, TypeError) as exc:
            raise Decline("SymPy could not count the solutions.") from exc
        if found == sp.S.Reals:
            return sp.oo
        if isinstance(found, sp.FiniteSet):
            return sp.Integer(len(found))
    raise Decline("I could not count the solutions exactly.")


def _candidates(read: ReadProgram, k: sp.Symbol, unknowns: list) -> list[sp.Expr]:
    eqs = read.equations
    if read.program.options:
        values = [v for _, v in _option_values(read)]
        if any(not isinstance(v, sp.Expr) or v.free_symbols for v in values):
            raise Decline("The options are not values of the parameter.")
        return values
    if _linear(eqs, unknowns) and len(eqs) == len(unknowns):
        matrix, rhs = sp.linear_eq_to_matrix([e.lhs - e.rhs for e in eqs], unknowns)
        augmented = matrix.row_join(rhs)
        n = len(unknowns)  # the determinant, and every other n-by-n minor of the augmented matrix
        conditions = [augmented[:, list(cols)].det() for cols in combinations(range(n + 1), n)]
    elif len(eqs) == 1 and len(unknowns) == 1:
        poly = sp.Poly(sp.expand(eqs[0].lhs - eqs[0].rhs), unknowns[0])
        coeffs = poly.all_coeffs()
        if poly.degree() == 2:
            a, b, c = coeffs
            conditions = [b**2 - 4 * a * c, a]
        elif poly.degree() == 1:
            conditions = [coeffs[0]]
        else:
            raise Decline("I find parameters only for linear systems and quadratics.")
    else:
        raise Decline("I find parameters only for linear systems and quadratics.")
    found: list[sp.Expr] = []
    for cond in conditions:
        try:
            found += [v for v in sp.solve(cond, k) if v.is_real]
        except (NotImplementedError, TypeError, ValueError):
            continue
    return found


def solve_parameter(read: ReadProgram) -> Solution:
    """The parameter value giving the solution count asked for; raise Decline unless exactly one does."""
    target = read.program.target
    if not target.expr or target.solution_count not in _COUNT:
        raise Decline("A parameter target needs the parameter and a solution count (none, one, infinite).")
    k = sp.Symbol(target.expr)
    unknowns = [u for u in read.unknowns if u != k]
    if k not in set().union(*(e.free_symbols for e in read.equations)) if read.equations else True:
        raise Decline(f"The parameter {k} does not appear in the equations.")
    wanted = _COUNT[target.solution_count]
    good = []
    for value in dict.fromkeys(_candidates(read, k, unknowns)):
        if domain_failure(read, {k: value}):
            continue
        eqs = [e.subs(k, value) for e in read.equations]
        if count_solutions(eqs, unknowns) == wanted:
            good.append(value)
    if len(good) != 1:
        raise Decline(f"{len(good)} values of {k} give that many solutions, not exactly one.")
    value = good[0]
    words = {"none": "no solution", "one": "exactly one solution", "infinite": "infinitely many solutions"}
    steps = [step(show(read, e), "Write down the equations.") for e in read.equations]
    if _linear(read.equations, unknowns) and len(read.equations) == len(unknowns) > 1:
        steps.append(
            step(
                r"\frac{a_1}{a_2} = \frac{b_1}{b_2}",
                "A linear system fails to have one solution exactly when its lines are parallel or the same.",
            )
        )
    elif len(unknowns) == 1 and target.solution_count == "one":
        steps.append(step(r"b^2 - 4ac = 0", "A quadratic has exactly one solution when its discriminant is 0."))
    put = [sp.Eq(e.lhs.subs(k, value), e.rhs.subs(k, value), evaluate=False) for e in read.equations]
    steps.append(step(r",\quad ".join(show(read, e) for e in put), f"Put {k} = {number(read, value)} in."))
    steps.append(
        step(f"{tex(k)} = {show(read, value)}", f"With this value the equations have {words[target.solution_count]}.")
    )
    hints = [
        "Two lines meet in one point unless they are parallel or the same line.",
        "Parallel lines have proportional x and y coefficients; for a quadratic, look at the discriminant.",
        f"Choose {k} so the equations have {words[target.solution_count]}, then check by substituting.",
    ]
    sol = solved(
        read.problem,
        "systems of equations" if len(unknowns) > 1 else "quadratics",
        steps,
        hints,
        value,
        verification=f"put {k} = {sp.sstr(value)} in and counted the solutions: {words[target.solution_count]}",
        answer_latex=show(read, value),
    )
    if read.program.options:
        letter = next(letter for letter, v in _option_values(read) if v == value)
        sol.choice = letter
    return sol
