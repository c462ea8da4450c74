"""Two models the units reader tries where one product of the quantities does not fit (``units.py``).

1. **start plus rate** (a linear model): "a tree is now 12 feet tall and grows 18 inches a year", "an entry
   fee of $2.25 plus $1.50 for each ride". A start, a rate and one more amount: a target of the start's
   dimension (the question asks for the rate's ``per`` unit: ``start + rate * t = target``) or a count of
   the ``per`` unit (the question asks for the total). The word that makes the start (``now``, ``plus``) and
   the verb that gives the rate its sign (grows, loses) must be read, or the model declines.
2. **joint work**: "6 workers build a house in 1.5 days; how long for 15 workers?". The work done is
   proportional to workers times time (worker-days, a compound unit): ``A1 * T1 / W1 = A2 * T2 / W2``, one
   group of amounts given and one asked about, the work ``W`` counted in both or in neither (then 1).

Each returns a Solution whose steps set up the equation and solve it, or None.
"""

from __future__ import annotations

import sympy as sp

from ..solution import Solution, Step
from .build import rounded, solved, step, tex
from .problem import Problem
from .unit_data import GROWS, SHRINKS, UNITS, WORKERS
from .unit_quantities import Quantity, Story, Unit

__all__ = ["linear_model", "joint_work"]

# --- start plus rate -------------------------------------------------------------------------------


def _start_of(story: Story, rate: Quantity, others: list[Quantity]) -> tuple[Quantity, int] | None:
    """The start amount and the rate's sign (+1 or -1), from the words the story marks them with; or None.

    "plus $1.50 for each ride": the start is the amount before the rate and the rate adds. "is now 12 feet
    tall and grows 18 inches a year": the start follows "now" and the rate's verb says up or down.
    """
    verb = rate.before[-1] if rate.before else ""
    allowed = {"plus"} if verb == "plus" else {"now", verb}
    if not story.unplaced or set(story.unplaced) - allowed or len(story.unplaced) != len(set(story.unplaced)):
        return None
    if verb == "plus":
        first = story.quantities.index(rate)
        before = [q for q in others if story.quantities.index(q) < first]
        return (before[0], 1) if len(before) == 1 and story.unplaced == ["plus"] else None
    marked = [q for q in others if "now" in q.before]
    sign = 1 if verb in GROWS else -1 if verb in SHRINKS else 0
    if len(marked) != 1 or not sign or "now" not in story.unplaced:
        return None
    return marked[0], sign


def linear_model(prob: Problem, story: Story) -> Solution | None:
    """The answer of a ``start + rate * t`` story: t (a count of the rate's per unit) or the total; or None."""
    rates = [q for q in story.quantities if q.per is not None]
    if len(story.quantities) != 3 or len(rates) != 1 or story.asked_per is not None:
        return None
    rate = rates[0]
    assert rate.per is not None
    others = [q for q in story.quantities if q is not rate]
    found = _start_of(story, rate, others)
    if found is None:
        return None
    start, sign = found
    (third,) = [q for q in others if q is not start]
    amount, per = rate.unit.dims, rate.per.dims
    if start.dims != amount or start.in_question or story.asked_scale != 1:
        return None
    unit = start.unit  # the amounts are worked in the start's unit, t in the asked (or the third's) unit
    if third.dims == amount and story.asked.dims == per:
        t_unit = story.asked
    elif third.dims == per and story.asked.dims == amount:
        t_unit = third.unit
    else:
        return None
    slope = sign * rate.base * t_unit.size / unit.size  # in the start's unit per one t_unit
    first, t = start.value * start.scale, sp.Symbol("t")
    model = first + slope * t
    if t_unit is story.asked:  # the question asks for t: solve start + rate * t = target
        target = third.base / unit.size
        answer = sp.solve(sp.Eq(model, target), t)[0]
        work = [
            step(
                rf"{tex(model)} = {tex(target)}",
                f"Start plus rate times t {t_unit.name(2)} is the target, in {unit.name(2)}.",
            ),
            step(rf"t = {tex(answer)}", "Solve for t."),
        ]
    else:  # the question asks for the total after a count of the rate's unit
        count = third.base / t_unit.size
        total = model.subs(t, count)
        answer = sp.nsimplify(total * unit.size / story.asked.size)
        if story.asked.word != unit.word:
            converted = (
                rf"{tex(total)}\ \text{{{unit.name(total)}}} = {tex(answer)}\ \text{{{story.asked.name(answer)}}}"
            )
        work = [
            step(
                rf"{tex(first)} {'+' if slope > 0 else '-'} {tex(abs(slope))} \times {tex(count)} = {tex(total)}",
                f"Start plus rate times the number of {t_unit.name(2)}, in {unit.name(2)}.",
            )
        ]
        if story.asked.word != unit.word:
            work.append(step(converted, f"Convert to {story.asked.name(2)}, the unit asked for."))
    if not answer.is_positive or (story.asked.word not in UNITS and not answer.is_integer):
        return None
    steps = [step(r",\quad ".join(q.latex() for q in (start, rate, third)), "Write each number with its unit."), *work]
    hints = [
        "Which amount is there at the start, and which one grows (or shrinks) with each unit of the rate?",
        "Write start + rate × t in one unit and set it equal to the amount the story gives.",
    ]
    return _done(prob, steps, hints, answer, "the linear model start + rate × t, with every number used once")


# --- joint work ------------------------------------------------------------------------------------


def _roles(quantities: list[Quantity]) -> dict[str, Quantity] | None:
    """The agent count, the time and the work among ``quantities`` (one each at most), or None."""
    roles: dict[str, Quantity] = {}
    for q in quantities:
        if q.per is not None:
            return None
        standard = q.unit.word in UNITS
        role = (
            "time"
            if standard and UNITS[q.unit.word][0] == "time"
            else "agent"
            if not standard and q.unit.word in WORKERS  # "12 apples ripen in 3 days" is no work done by apples
            else "work"
        )
        if role in roles:
            return None
        roles[role] = q
    return roles


def joint_work(prob: Problem, story: Story) -> Solution | None:
    """The answer of a work story (agents times time does the work), or None when it is not one."""
    given = _roles([q for q in story.quantities if not q.in_question])
    asked = _roles([q for q in story.quantities if q.in_question])
    if given is None or asked is None or story.unplaced or story.asked_per is not None or story.asked_scale != 1:
        return None
    role = _asked_role(story.asked, given)
    if {"agent", "time"} - set(given) or role is None or role in asked:
        return None
    if set(asked) | {role} != set(given) or any(asked[r].unit.word != given[r].unit.word for r in asked if r != "time"):
        return None  # the work counted in both groups or in neither; the same agents and work on both sides
    one = sp.Integer(1)

    def size(q: Quantity | None) -> sp.Expr:
        return one if q is None else q.base

    a1, t1, w1 = (size(given.get(r)) for r in ("agent", "time", "work"))
    a2, t2, w2 = (size(asked.get(r)) for r in ("agent", "time", "work"))
    x = sp.Symbol("x")
    values = {"agent": a2, "time": t2, "work": w2}
    values[role] = x * (story.asked.size if role == "time" else 1)
    equation = sp.Eq(a1 * t1 / w1, values["agent"] * values["time"] / values["work"])
    found = sp.solve(equation, x)
    if len(found) != 1 or not found[0].is_positive or (role != "time" and not found[0].is_integer):
        return None
    return _work_solution(prob, story, given, asked, role, found[0])


def _asked_role(asked: Unit, given: dict[str, Quantity]) -> str | None:
    """Which role the question asks for: the given amount with the asked unit's dimension, or None."""
    matching = [r for r, q in given.items() if q.unit.dims == asked.dims]
    return matching[0] if len(matching) == 1 else None


def _work_solution(
    prob: Problem, story: Story, given: dict[str, Quantity], asked: dict[str, Quantity], role: str, answer: sp.Expr
) -> Solution:
    def side(group: dict[str, Quantity]) -> str:
        parts = [group[r].latex() if r in group else rf"x\ \text{{{story.asked.name(2)}}}" for r in ("agent", "time")]
        below = group["work"].latex() if "work" in group else ("x" if role == "work" else "1")
        top = r" \times ".join(parts)
        return rf"\frac{{{top}}}{{{below}}}"

    agent = given["agent"].unit.name(2)
    steps = [
        step(r",\quad ".join(q.latex() for q in story.quantities), "Write each number with its unit."),
        step(
            rf"{side(given)} = {side(asked)}",
            f"The work is {agent} times time: the {agent}-times-time for one unit of work is the same in both "
            f"groups (x is the {dict(agent=f'number of {agent}').get(role, role)} asked for).",
        ),
        step(rf"x = {tex(answer)}", "Solve for x."),
    ]
    hints = [
        f"More {agent} finish the same work in less time: {agent} × time per unit of work stays the same.",
        "Write that product for the given group and for the asked group, and set them equal.",
    ]
    return _done(prob, steps, hints, answer, "joint work: agents × time per unit of work is the same in both groups")


def _done(prob: Problem, steps: list[Step], hints: list[str], answer: sp.Expr, verification: str) -> Solution:
    """The Solution, rounded as the problem asks (the exact value shown first)."""
    if prob.rounding is not None:
        exact, answer = answer, rounded(answer, prob.rounding)
        steps.append(step(rf"{tex(exact)} \approx {tex(answer)}", f"Round to {prob.rounding} decimal places."))
    return solved(prob.raw, "ratios and rates", steps, hints, answer, verification=verification)
