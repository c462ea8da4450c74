"""``solve_program``: solve a ``MathProgram``, check its invariants, verify the answer, show the work.

One solver for every reader (rule-based, tables, the model formaliser). It answers only when it
can do so with certainty, and otherwise raises :class:`~.build.Decline` with a reason:

- every part parses (:mod:`.program_read`), every given is used, every relation constrains the
  letters the question is about (a relation about something else means the program was misread);
- the solutions respect each unknown's domain (integer, positive ...); a rejected candidate
  (extraneous, or outside the domain) is shown and rejected in the steps;
- a "value" target has exactly one value; with options, exactly one option matches (or, negated,
  exactly one fails); "could be" (``any_one``) finds every value and exactly one option may be one
  of them; "closest to" (``approximate``) picks the one clearly nearest option; equivalent
  expressions and Roman-numeral statements: see :mod:`.program_options`;
- the answer is verified by putting it back into every relation.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..solution import Solution
from .build import Decline, one_point, rounded, rounding_text, solved, step, tex
from .options import choose_option
from .program import MathProgram
from .program_core import candidates, check_relations_used, domain_failure, holds, solution_set
from .program_options import (
    nearest_choice,
    pick_any_one,
    solve_equivalent,
    solve_option,
    solve_parameter,
    solve_statements,
)
from .program_props import solve_property
from .program_read import ReadProgram, read_program
from .program_steps import (
    Work,
    answer_latex,
    combine,
    hints_for,
    inequality_work,
    show,
    shown,
    solve_work,
    verification_step,
)
from .table_stats import solve_statistic

__all__ = ["solve_program"]


def solve_program(program: MathProgram, prob=None) -> Solution:
    """Solve ``program`` (read from ``prob``, a :class:`~.problem.Problem`, when there is one).

    Returns a solved, verified :class:`Solution` whose ``reader`` is ``program.reader``. Raises
    :class:`Decline` with a reason for the student when the program cannot be answered with certainty.
    """
    problem = prob.raw if prob is not None else ""
    kind = program.target.kind
    if kind == "statistic":
        return _statistic(program, prob)
    target = program.target
    if target.any_one and kind == "value":  # "could be": every solution, then the one option among them
        every = replace(program, target=replace(target, kind="solutions", any_one=False, approximate=False))
        sol = pick_any_one(read_program(program, problem), _solve_relations(read_program(every, problem)))
        sol.reader = program.reader
        return sol
    read = read_program(program, problem)
    if target.statements:
        sol = solve_statements(read)
    elif kind == "property":
        sol = solve_property(read)
    elif kind == "equivalent":
        sol = solve_equivalent(read)
    elif kind == "option":
        sol = solve_option(read)
    elif kind == "parameter":
        sol = solve_parameter(read)
    else:
        sol = _solve_relations(read)
    if target.approximate:
        if not program.options or sol.choice is not None:
            raise Decline("A closest-to question needs numeric options to pick from.")
        letter = nearest_choice(sol.answer, list(program.options))
        sol.steps.append(step(f"{tex(sol.answer)} \\approx {float(sol.answer):.4g}", "Work out a decimal value."))
        sol.steps.append(
            step(f"\\text{{({letter}) {dict(program.options)[letter]}}}", f"Option {letter} is the nearest to it.")
        )
        sol.choice = letter
    if program.options and sol.choice is None:
        sol = choose_option(sol, list(program.options))
    sol.reader = program.reader
    return sol


def _statistic(program: MathProgram, prob) -> Solution:
    sol: Solution = solve_statistic(program, prob)
    sol.reader = program.reader
    return sol


# --- the targets on relations: value, solutions, sum, product, count, in_terms_of ---------------------------


def _evaluate(read: ReadProgram, text: str, letters: frozenset[sp.Symbol] = frozenset()) -> Solution:
    """A value target with no relations: evaluate the expression (givens put in); decline unless a real number,
    or (``letters``: "in terms of x") an expression in those letters only."""
    target = read.program.target
    expr = read.parse(text, "target")
    if letters and isinstance(expr, sp.Expr) and expr.free_symbols and expr.free_symbols <= letters:
        value = sp.expand(sp.simplify(expr))
        steps = [step(f"{tex(expr)} = {tex(value)}", "Remove the brackets and combine like terms.")]
        return solved(
            read.problem,
            "simplify",
            steps,
            ["Remove the brackets, then collect like terms."],
            value,
            verification="simplified",
        )
    if isinstance(expr, sp.Tuple) and all(isinstance(v, sp.Expr) and not v.free_symbols for v in expr):
        value = sp.Tuple(*(sp.nsimplify(sp.simplify(v)) if read.decimals is False else sp.simplify(v) for v in expr))
        if not all(v.is_real is True for v in value):
            raise Decline("The point's coordinates are not real numbers.")
        steps = [step(f"{tex(expr)} = {tex(value)}", "Work out each coordinate.")]
        return solved(
            read.problem, "coordinates", steps, ["Work out each coordinate."], value, verification="evaluated"
        )
    if isinstance(expr, sp.Expr) and expr.free_symbols and not sp.simplify(expr).free_symbols:
        expr = sp.simplify(expr)  # "if x is a real number, find x^2 + 2x(5 - x) + (5 - x)^2": the letters cancel
    if not isinstance(expr, sp.Expr) or expr.free_symbols:
        raise Decline("The expression has letters that nothing gives a value to.")
    value = sp.nsimplify(sp.simplify(expr)) if read.decimals is False else sp.simplify(expr)
    if not value.is_number or value.is_real is not True or value.has(sp.zoo, sp.oo, -sp.oo, sp.nan):
        raise Decline("The value is not a real number.")
    steps = [step(f"{tex(expr)} = {tex(value)}", "Work out the value.")]
    if target.rounding is not None:
        exact, value = value, rounded(value, target.rounding)
        steps.append(step(f"{tex(exact)} \\approx {tex(value)}", rounding_text(target.rounding)))
    return solved(
        read.problem, "arithmetic", steps, ["Work out the value step by step."], value, verification="evaluated"
    )


def _fixed_though_free(read: ReadProgram, unknowns: list[sp.Symbol], expr: sp.Expr) -> Solution | None:
    """The value asked when the equations fix it but not every unknown ("the average of five numbers is 12:
    their sum"): one solution in terms of the free unknowns, the asked expression constant on it, and one point
    of it (every free unknown the same number) that meets the inequalities and domains; None otherwise."""
    if not read.equations or any("integer" in read.domains.get(u, "") for u in unknowns):
        return None
    found = candidates(read, unknowns)
    if len(found) != 1:
        return None
    solution = found[0]
    free = [u for u in unknowns if u not in solution]
    value = sp.simplify(expr.subs(solution))
    if not free or value.free_symbols or value.is_real is not True:
        return None
    point = one_point([r.subs(solution) for r in read.inequalities], free)
    if point is None:
        return None
    witness = {u: sp.nsimplify(v.subs(point)) for u, v in solution.items()} | point
    if not holds(read, read.relations, witness) or domain_failure(read, witness):
        return None
    steps = [
        step(f"{tex(u)} = {tex(v)}", "Solve the relation for one unknown in terms of the others.")
        for u, v in solution.items()
    ]
    steps.append(step(f"{tex(expr)} = {tex(value)}", "Put it in: the other unknowns cancel, so the value is fixed."))
    hints = ["You cannot find each number, but you do not need to.", "Write what is asked using the relation given."]
    return solved(read.problem, "algebra", steps, hints, value, verification="the relations fix the value asked")


def _target_expr(read: ReadProgram, letters: set[sp.Symbol]) -> sp.Expr:
    target = read.program.target
    if target.expr:
        expr = read.parse(target.expr, "target")
        if isinstance(expr, sp.Tuple) and all(isinstance(v, sp.Expr) for v in expr):
            return expr  # a point: each coordinate an expression in the unknowns
        if not isinstance(expr, sp.Expr):
            raise Decline("The target is not an expression.")
        return expr
    free = [u for u in read.unknowns if u not in letters]
    if len(free) != 1:
        if target.kind in ("solutions", "count"):
            return sp.Tuple(*free) if len(free) > 1 else free[0]
        raise Decline("The program does not say which unknown is asked for.")
    return free[0]


def _solve_relations(read: ReadProgram) -> Solution:
    target = read.program.target
    kind = target.kind
    letters = {sp.Symbol(n) for n in target.letters} if kind == "in_terms_of" else set()
    if kind == "in_terms_of" and not letters:
        raise Decline("An in-terms-of target needs the letters to write the answer in.")
    if read.contradictions:
        if kind == "count":
            return _whole_line(read, sp.Integer(0), "The relation is never true, so there is no solution.")
        raise Decline(f"The relation {read.contradictions[0]} is never true: there is no solution.")
    if read.identities:
        if kind == "count" and not read.relations:
            return _whole_line(read, sp.oo, "Both sides are the same for every value, so every number is a solution.")
        raise Decline(f"The relation {read.identities[0]} holds for every value, so it says nothing.")
    if not read.relations and kind == "value" and target.expr:
        return _evaluate(read, target.expr)
    if not read.relations and kind == "in_terms_of" and target.expr:
        return _evaluate(read, target.expr, frozenset(letters))
    if not read.relations:
        raise Decline("The program has no relations to solve.")
    expr = _target_expr(read, letters)
    check_relations_used(read, set(expr.free_symbols) | letters)
    unknowns = [u for u in read.unknowns if u not in letters]
    if not unknowns:
        raise Decline("Every letter is given: there is nothing to solve for.")
    if not read.equations and kind == "solutions" and len(unknowns) == 1 and not _integer_domain(read, unknowns[0]):
        return _inequality_solutions(read, unknowns[0])
    if target.pick and not read.equations and len(unknowns) == 1:
        if _integer_domain(read, unknowns[0]):
            return _extreme_integer(read, unknowns[0], expr, target.pick)
        return _extreme_of_set(read, unknowns[0], expr, target.pick)
    kept, rejected = solution_set(read, unknowns)
    if kind == "count":
        counted = _count_beyond_a_list(read, unknowns, kept)
        if counted is not None:
            return counted
    values = _distinct([_value(expr, sol, letters) for sol in kept])
    if not values and kind == "value" and not letters:
        values_over_complex = _same_over_complex(read, unknowns, expr)
        if values_over_complex is not None:
            return values_over_complex
    if not values and kind == "value" and not letters and not target.pick:
        fixed = _fixed_though_free(read, unknowns, expr)
        if fixed is not None:
            return fixed
    if not values:
        raise Decline("No solution satisfies every relation and condition.")
    if target.pick:  # "the largest value of x": one value among the solutions
        if not all(isinstance(v, sp.Expr) and v.is_real for v in values):
            raise Decline("The values are not all real numbers, so none is the largest or smallest.")
        values = [(max if target.pick == "max" else min)(values, key=lambda v: float(v))]
        kept = [sol for sol in kept if _same(_value(expr, sol, letters), values[0])]
    if kind in ("value", "in_terms_of") and len(values) > 1:
        raise Decline("The relations allow several values for what is asked, so I cannot give one.")
    how = {"value": None, "in_terms_of": None, "solutions": "all", "sum": "sum", "product": "product"}.get(kind)
    if kind == "count":
        answer = sp.Integer(len(values))
    else:
        answer = combine(values, how)
        if isinstance(answer, tuple):
            answer = sp.Tuple(*answer) if kind != "solutions" else answer
    work = Work(read=read, unknowns=unknowns, kept=kept, rejected=rejected, expr=expr, values=values)
    steps = solve_work(work)
    steps.append(verification_step(work, answer))
    if target.rounding is not None and isinstance(answer, sp.Expr) and answer.is_number:
        exact = answer
        answer = rounded(answer, target.rounding)
        steps.append(step(f"{tex(exact)} \\approx {tex(answer)}", rounding_text(target.rounding)))
    return solved(
        read.problem,
        work.topic,
        steps,
        hints_for(work),
        answer,
        verification=work.verification,
        answer_latex=answer_latex(read, answer),
    )


def _same_over_complex(read: ReadProgram, unknowns: list[sp.Symbol], expr) -> Solution | None:
    """ "Let a and b satisfy ab = 7 and a + b = 5. What is a^2 + b^2?": no real pair does, but every pair of
    complex numbers that does gives 11. The solution when the target has one real value over all the (complex)
    solutions; None when the problem says its numbers are real, sets domains or inequalities, or the values differ.
    """
    if read.inequalities or any(read.domains.get(u, "real") != "real" for u in unknowns) or expr in unknowns:
        return None
    if "real" in read.problem.lower() or not isinstance(expr, sp.Expr):
        return None
    try:
        found = sp.solve(read.equations, unknowns, dict=True)
    except (NotImplementedError, ValueError, TypeError, sp.PolynomialError):
        return None
    found = [sol for sol in found if set(sol) == set(unknowns) and not any(v.free_symbols for v in sol.values())]
    if not found or not all(holds(read, read.relations, sol) for sol in found):
        return None
    values = _distinct([sp.simplify(sp.expand(expr.subs(sol))) for sol in found])
    if len(values) != 1 or values[0].is_real is not True:
        return None
    shown_rels = [step(show(read, rel), "Start from the given equations.") for rel in read.relations]
    solutions = ";\\quad ".join(", ".join(f"{tex(u)} = {tex(sol[u])}" for u in unknowns) for sol in found)
    steps = [
        *shown_rels,
        step(solutions, "Solve the equations: the solutions are complex numbers, not real ones."),
        step(f"{tex(expr)} = {tex(values[0])}", "Every solution gives the same value of the expression asked for."),
    ]
    hints = [
        "You need not find the unknowns themselves: write the expression asked for using the given sum and product.",
        "For example, a^2 + b^2 = (a + b)^2 - 2ab.",
    ]
    return solved(
        read.problem, "systems of equations", steps, hints, values[0], verification="the value at every solution"
    )


def _count_beyond_a_list(read: ReadProgram, unknowns: list[sp.Symbol], kept: list[dict]) -> Solution | None:
    """A count of zero or of infinitely many solutions, where the list of candidates proves it; else None.

    Only for equations polynomial (or rational) in the unknowns, whose candidate list SymPy gives in
    full: none kept is "no solution"; a kept solution that leaves an unknown free (a linear system
    whose equations are multiples of each other) is "infinitely many". Domains other than real
    decline (infinitely many reals need not hold infinitely many integers).
    """
    if read.inequalities or any(read.domains.get(u, "real") != "real" for u in unknowns):
        return None
    for eq in read.equations:
        numerator, denominator = sp.fraction(sp.together(eq.lhs - eq.rhs))
        if not (numerator.is_polynomial(*unknowns) and denominator.is_polynomial(*unknowns)):
            return None
    free = [sol for sol in kept if set(unknowns) - set(sol) or any(v.free_symbols for v in sol.values())]
    if free:
        linear = all(sp.Poly(sp.together(e.lhs - e.rhs), *unknowns).total_degree() <= 1 for e in read.equations)
        if not linear:
            return None
        answer, why = sp.oo, "One equation is a multiple of the other, so every point of one line is a solution."
    elif not kept:
        answer, why = sp.Integer(0), "No candidate satisfies the original equations, so there is no solution."
    else:
        return None
    shown_rels = [step(show(read, rel), "Start from the given equations.") for rel in read.relations]
    return solved(
        read.problem,
        "equations" if len(unknowns) == 1 else "systems of equations",
        [*shown_rels, step(tex(answer), why)],
        [
            "Solve the equations and check each candidate in the original equations.",
            "A candidate that makes a denominator zero is not a solution.",
            "If one equation is a multiple of the other, every solution of one solves both.",
        ],
        answer,
        verification="every candidate SymPy lists was checked in the original equations",
    )


def _integer_domain(read: ReadProgram, sym: sp.Symbol) -> bool:
    return "integer" in read.domains.get(sym, "")


def _value(expr, sol: dict, letters: set[sp.Symbol]):
    value = expr.subs(sol)
    value = sp.Tuple(*(sp.simplify(v) for v in value)) if isinstance(value, sp.Tuple) else sp.simplify(value)
    if value.free_symbols - letters:
        raise Decline("The relations do not fix the value that is asked for.")
    return value


def _distinct(values: list) -> list:
    out: list = []
    for v in values:
        if not any(_same(v, u) for u in out):
            out.append(v)
    return out


def _same(a, b) -> bool:
    if isinstance(a, sp.Tuple) or isinstance(b, sp.Tuple):
        return a == b
    return sp.simplify(a - b) == 0


def _whole_line(read: ReadProgram, answer: sp.Expr, why: str) -> Solution:
    text = (read.identities or read.contradictions)[0]
    steps = [step(shown(read, text), "Start from the relation."), step(tex(answer), why)]
    hints = [
        "Simplify both sides as far as you can.",
        "If the unknown cancels, the equation is either always true or never true.",
        "Always true: every number is a solution. Never true: there is none.",
    ]
    return solved(
        read.problem,
        "equations",
        steps,
        hints,
        answer,
        verification="both sides simplified: the relation holds for " + ("no value" if answer == 0 else "every value"),
    )


def _extreme_integer(read: ReadProgram, x: sp.Symbol, expr, pick: str) -> Solution:
    """The largest (smallest) integer x satisfying the inequalities and x's domain (a bounded end is enough).

    ``expr`` may be x or linear in x (a sequence's term ``a_1 + (n - 1)d``): its largest value is at the
    largest x when the slope is positive and at the smallest x when it is negative.
    """
    slope = sp.diff(expr, x)
    if not (slope.is_number and slope != 0 and sp.diff(slope, x) == 0) or expr.free_symbols != {x}:
        raise Decline("I find the largest or smallest value only of the unknown or an expression linear in it.")
    if slope < 0:
        pick = "min" if pick == "max" else "max"
    xr = sp.Symbol(x.name, real=True)
    try:
        solset = sp.reduce_inequalities([r.xreplace({x: xr}) for r in read.inequalities], xr).as_set()
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("SymPy could not solve these inequalities.") from exc
    domain = read.domains.get(x, "integer")
    if domain == "positive_integer":
        solset &= sp.Interval(1, sp.oo)
    elif domain == "nonnegative_integer":
        solset &= sp.Interval(0, sp.oo)
    end = solset.sup if pick == "max" else solset.inf
    if not end.is_finite:
        raise Decline(f"There is no {'largest' if pick == 'max' else 'smallest'} integer solution.")
    start = sp.floor(end) if pick == "max" else sp.ceiling(end)
    step_by = -1 if pick == "max" else 1
    found = next((start + k * step_by for k in range(3) if solset.contains(start + k * step_by) == sp.true), None)
    if found is None:
        raise Decline("No integer near the end of the solution set satisfies the relations.")
    word = "largest" if pick == "max" else "smallest"
    steps = [
        step(f"{tex(solset)}", "Solve the inequality."),
        step(f"{tex(x)} = {tex(found)}", f"The {word} integer in the solution set."),
    ]
    hints = ["Solve the inequality first.", f"Then take the {word} integer that satisfies it."]
    value = expr.subs(x, found)
    if expr != x:
        steps.append(step(f"{tex(expr)} = {tex(value)}", f"Put {tex(x)} = {tex(found)} into the expression."))
    return solved(read.problem, "inequalities", steps, hints, sp.simplify(value), verification="checked in the set")


def _extreme_of_set(read: ReadProgram, x: sp.Symbol, expr, pick: str) -> Solution:
    """The largest (smallest) x satisfying the inequalities, when the set has one (a closed end)."""
    if expr != x:
        raise Decline("I find the largest or smallest value only of the unknown itself.")
    sol = _inequality_solutions(read, x)
    solset = sol.answer
    end = solset.sup if pick == "max" else solset.inf
    if not end.is_finite or not solset.contains(end) == sp.true:
        raise Decline(f"The solutions have no {'largest' if pick == 'max' else 'smallest'} value.")
    word = "largest" if pick == "max" else "smallest"
    sol.steps.append(step(f"{tex(x)} = {tex(end)}", f"The {word} value in the solution set is its closed end."))
    sol.answer, sol.answer_latex = end, tex(end)
    return sol


def _inequality_solutions(read: ReadProgram, x: sp.Symbol) -> Solution:
    xr = sp.Symbol(x.name, real=True)
    try:
        solset = sp.reduce_inequalities([r.xreplace({x: xr}) for r in read.inequalities], xr).as_set()
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("SymPy could not solve these inequalities.") from exc
    solset = solset.xreplace({xr: x})
    domain = read.domains.get(x, "real")
    if domain in ("positive", "nonnegative"):
        solset = solset & (sp.Interval.open(0, sp.oo) if domain == "positive" else sp.Interval(0, sp.oo))
    if solset.is_empty:
        raise Decline("The inequalities have no solution.")
    steps, hints = inequality_work(read, x, solset)
    return solved(
        read.problem,
        "inequalities",
        steps,
        hints,
        solset,
        verification="solved with SymPy's inequality solver; a point inside and the ends checked",
    )
