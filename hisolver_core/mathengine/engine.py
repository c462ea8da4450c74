"""``solve``: route a problem to the solver that understands it, or decline."""

from __future__ import annotations

import logging
import re
import time

import sympy as sp

from ..config import Settings
from ..errors import ProblemError
from ..solution import Solution
from .algebra import count_real_solutions, solve_equations, solve_inequality, solve_solution_count
from .build import Decline, declined
from .context import build_context
from .context_models import model_extremum, model_value, rectangle_expression, without_context
from .equivalence import to_value
from .expressions import evaluate_expression, simplify_expression
from .forms import solve_forms
from .graphs import circle_property, solve_graph_property
from .intent import read_intent
from .interpret import interpret_model
from .models import fee_model, formula_model, rate_proportion
from .option_tests import (
    factor_option,
    form_option,
    line_option,
    remainder_question,
    solution_count_option,
    solution_set_option,
    tolerance_option,
)
from .options import choose_option, which_of_following
from .problem import analyze
from .statements import solve_each_chain, solve_statements
from .story import solve_story
from .systems import count_system_solutions, whole_system_intent
from .targets import check_target
from .wording import solve_wording

log = logging.getLogger(__name__)

__all__ = ["solve"]

DEFAULT_MAX_CHARS = Settings.__dataclass_fields__["max_problem_chars"].default


def solve(problem: str, options=None, *, max_chars: int = DEFAULT_MAX_CHARS) -> Solution:
    """Solve ``problem`` (text or LaTeX, optional multiple-choice ``options``); return a ``Solution``.

    Returns status ``unsupported`` with a reason whenever the engine cannot
    answer with certainty (it never guesses). Raises :class:`ProblemError` only
    for an empty problem or one longer than ``max_chars``.
    """
    if problem is None or not str(problem).strip():
        raise ProblemError("The problem is empty: type a math problem.")
    problem = str(problem)
    if len(problem) > max_chars:
        raise ProblemError(f"The problem is too long ({len(problem)} characters; the limit is {max_chars}).")
    started = time.perf_counter()
    try:
        sol = _solve(problem, options)
    except Decline as exc:
        sol = declined(problem, str(exc))
    except RecursionError:
        sol = declined(problem, "The expression is nested too deeply.")
    except Exception:  # a SymPy bug on odd input must never reach the student
        log.warning("engine failed on %r", problem[:200], exc_info=True)
        sol = declined(problem, "The engine could not handle this problem.")
    log.debug("solved in %.3fs: %s", time.perf_counter() - started, sol.status)
    return sol


def _solve(problem: str, options) -> Solution:
    prob = analyze(problem, options)
    bare = without_context(prob)  # taken before solving: the readers rewrite the problem they work on
    try:
        return check_target(prob, _solve_problem(prob))
    except Decline as first:
        if (sol := solve_forms(analyze(problem, options))) is not None:  # forms: after the legacy chain declines
            return sol
        if bare is None:
            raise
        try:
            return check_target(bare, _solve_problem(bare))
        except Decline:
            raise first from None  # the reason for the problem as written, not for its bare math


def _solve_problem(prob) -> Solution:
    if prob.has_figure:
        raise Decline("The problem refers to a figure or table, which I cannot read.")
    sol = solve_wording(prob) or solve_story(prob) or solve_statements(prob) or solve_each_chain(prob)
    if sol is not None and sol.choice is not None:
        return sol
    if sol is None:
        sol = solution_count_option(prob) or fee_model(prob) or rate_proportion(prob)
        if sol is not None:
            return choose_option(sol, prob.options) if prob.options and sol.choice is None else sol
        if not prob.math:
            raise Decline("I found no math to work with in the problem.")
        ctx = build_context(prob)
        sol = (
            interpret_model(ctx)
            or model_extremum(ctx)
            or model_value(ctx)
            or rectangle_expression(ctx)
            or form_option(ctx)
            or remainder_question(ctx)
            or tolerance_option(ctx)
            or solution_set_option(ctx)
            or factor_option(ctx)
            or line_option(ctx)
            or formula_model(ctx)
            or circle_property(ctx)
            or solve_graph_property(ctx)
            or which_of_following(ctx)
            or _dispatch(ctx)
        )
        if sol.choice is not None:
            return sol
    if prob.options and sol.choice is None:
        sol = choose_option(sol, prob.options)
    return sol


def _dispatch(ctx) -> Solution:
    if re.search(r"\bhow many (?:real )?solutions does\b.*\bhave\b", ctx.problem.question) and len(ctx.equations) > 1:
        sol = count_system_solutions(ctx)
        if sol is not None:
            return sol
    if re.search(r"\bhow many (?:real )?solutions does\b.*\bhave\b", ctx.problem.question) and len(ctx.equations) == 1:
        read_intent(ctx, {"have", "does", "how", "many", "solutions", "real", "equation"})
        return count_real_solutions(ctx)
    intent = whole_system_intent(ctx) or read_intent(ctx)
    if ctx.inequalities and not ctx.equations:
        target = intent.target
        if (
            ctx.functions
            and intent.task == "value"
            and target is not None
            and target.kind == "expression"
            and isinstance(target.obj, sp.Expr)
            and not target.obj.free_symbols
        ):
            return evaluate_expression(ctx, intent)  # "f(n) = ... for 0 <= n <= 15": the inequality is f's domain
        return solve_inequality(ctx, intent)
    if ctx.equations and intent.solution_count:
        return solve_solution_count(ctx, intent)
    if ctx.equations:
        return solve_equations(ctx, intent)
    if intent.target is None:
        raise Decline("I could not find an expression or equation to work with.")
    if intent.target.kind == "symbol" and intent.task == "value":
        raise Decline("Nothing in the problem gives the value of the unknown.")
    if (
        intent.task == "value"
        and not (ctx.functions and intent.target.obj.free_symbols)
        and not _symbolic_options(ctx, intent.target.obj)
    ):
        return evaluate_expression(ctx, intent)
    return simplify_expression(ctx, intent)


def _symbolic_options(ctx, expr) -> bool:
    """True when every option is an expression in the unknowns of ``expr`` (so the answer is an expression)."""
    if not ctx.problem.options or not isinstance(expr, sp.Expr) or not expr.free_symbols:
        return False
    values = [to_value(text) for _, text in ctx.problem.options]
    return all(isinstance(v, sp.Expr) and v.free_symbols and v.free_symbols <= expr.free_symbols for v in values)
