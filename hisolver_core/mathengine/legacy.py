"""The engine's reader families from before ``MathProgram``, registered as readers of the one pipeline.

Each family answers a problem with a finished ``Solution`` (or ``None`` when the problem is not its
kind). The families that read a parsed :class:`~hisolver_core.mathengine.context.Context` get it
from :func:`~hisolver_core.mathengine.context.context_of`, which builds it once per problem
version and caches it on the problem, so they share one Context as the hand-written chain did.

The orders reproduce the chain the engine ran before the pipeline:

- 100-130: phrasings read from the words alone (wording, story, statements, "each" chains);
- 200-220: option and model families that read the problem without its Context;
- 300: a problem with no math segment is declined here;
- 400-540: families reading the parsed Context, most specific first;
- 900-920: the general solver of written-out math (solution counts, inequalities, equations,
  expressions): the last reader, it answers or declines.

Gaps between the orders leave room for new readers (tables, question forms, programs).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from ..solution import Solution
from .algebra import solve_equations, solve_inequality, solve_solution_count
from .basic_stories import BASIC_FAMILIES
from .build import Decline
from .change_stories import change_story
from .classic import CLASSIC_FAMILIES
from .context import Context, context_of
from .context_models import model_extremum, model_value, rectangle_expression
from .equivalence import to_value
from .everyday import EVERYDAY_FAMILIES
from .expressions import evaluate_expression, simplify_expression
from .graphs import solve_graph_property
from .intent import read_intent
from .interpret import interpret_model
from .models import fee_model, formula_model
from .option_tests import (
    form_option,
    line_option,
    solution_count_option,
    solution_set_option,
    tolerance_option,
)
from .problem import Problem
from .proportion import MORE_FAMILIES
from .purchases import PURCHASE_FAMILIES
from .ratios import RATIO_FAMILIES
from .readers import reader
from .statements import solve_statements
from .story import solve_story
from .systems import whole_system_intent
from .wording import solve_wording

__all__: list[str] = []  # importing the module registers its readers

# --- phrasings read from the words (no Context) ------------------------------------------------


@reader("wording", handles="recognised word phrasings of arithmetic and algebra (wording.py)", order=100)
def _wording(prob: Problem) -> Solution | None:
    return solve_wording(prob)


# the story families built on story.py's Story, in the order they were always tried
_STORY_FAMILIES = (
    *BASIC_FAMILIES,
    *RATIO_FAMILIES,
    *MORE_FAMILIES,
    *EVERYDAY_FAMILIES,
    *PURCHASE_FAMILIES,
    *CLASSIC_FAMILIES,
    change_story,  # last: a story no other family reads, told as one owner's count changing
)


@reader(
    "story", handles="story problems in a phrasing one of the story families reads (story.py and its users)", order=110
)
def _story(prob: Problem) -> Solution | None:
    return solve_story(prob, _STORY_FAMILIES, with_options=CLASSIC_FAMILIES)


@reader("statements", handles="quantity statements about named people (statements.py)", order=120)
def _statements(prob: Problem) -> Solution | None:
    return solve_statements(prob)


# --- option and model families without a Context ---------------------------------------------


@reader(
    "solution_count_option", handles='"which of the following equations has no (one, two) real solutions?"', order=200
)
def _solution_count_option(prob: Problem) -> Solution | None:
    return solution_count_option(prob)


@reader("fee_model", handles='"charges A plus B per unit": a total, or the units for a total', order=210)
def _fee_model(prob: Problem) -> Solution | None:
    return fee_model(prob)


@reader("needs_math", handles="declines a problem with no math segment (the readers below parse its math)", order=300)
def _needs_math(prob: Problem) -> None:
    if not prob.math:
        raise Decline("I found no math to work with in the problem.")
    return None


# --- families reading the parsed Context ------------------------------------------------------


@reader("interpret_model", handles="the option that says what a number in a model means", order=400)
def _interpret_model(prob: Problem) -> Solution | None:
    return interpret_model(context_of(prob))


@reader("model_extremum", handles="the greatest (least) output of a quadratic model, or when it is reached", order=410)
def _model_extremum(prob: Problem) -> Solution | None:
    return model_extremum(context_of(prob))


@reader("model_value", handles="a model in a story asked at an input named in words", order=420)
def _model_value(prob: Problem) -> Solution | None:
    return model_value(context_of(prob))


@reader(
    "rectangle_expression", handles="the area or perimeter of a rectangle with sides given as expressions", order=430
)
def _rectangle_expression(prob: Problem) -> Solution | None:
    return rectangle_expression(context_of(prob))


@reader("form_option", handles='"which equivalent form displays the x-intercepts (vertex) as constants?"', order=440)
def _form_option(prob: Problem) -> Solution | None:
    return form_option(context_of(prob))


@reader("tolerance_option", handles='"differs from 500 by no more than 4": the absolute-value option', order=460)
def _tolerance_option(prob: Problem) -> Solution | None:
    return tolerance_option(context_of(prob))


@reader(
    "solution_set_option",
    handles='"which describes all solutions to the equation?" (extraneous roots dropped)',
    order=470,
)
def _solution_set_option(prob: Problem) -> Solution | None:
    return solution_set_option(context_of(prob))


@reader("line_option", handles='"an equation of a line parallel (perpendicular) to L through P"', order=490)
def _line_option(prob: Problem) -> Solution | None:
    return line_option(context_of(prob))


@reader(
    "formula_model", handles="a formula S = f(v) whose quantities the text names: one given, the other asked", order=500
)
def _formula_model(prob: Problem) -> Solution | None:
    return formula_model(context_of(prob))


@reader("graph_property", handles="one property of a line or parabola (slope, intercepts, vertex ...)", order=520)
def _graph_property(prob: Problem) -> Solution | None:
    return solve_graph_property(context_of(prob))


# --- the general solver of written-out math -----------------------------------------------------


@reader(
    "written_math", handles="inequalities, equations and expressions written out: solve, evaluate, simplify", order=920
)
def _written_math(prob: Problem) -> Solution:
    ctx = context_of(prob)
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
    obj: Any = intent.target.obj  # a SymPy object here (an expression or a symbol)
    if intent.task == "value" and not (ctx.functions and obj.free_symbols) and not _symbolic_options(ctx, obj):
        return evaluate_expression(ctx, intent)
    return simplify_expression(ctx, intent)


def _symbolic_options(ctx: Context, expr: object) -> bool:
    """True when every option is an expression in the unknowns of ``expr`` (so the answer is an expression)."""
    if not ctx.problem.options or not isinstance(expr, sp.Expr) or not expr.free_symbols:
        return False
    values = [to_value(text) for _, text in ctx.problem.options]
    return all(isinstance(v, sp.Expr) and v.free_symbols and v.free_symbols <= expr.free_symbols for v in values)
