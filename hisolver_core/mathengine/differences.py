"""How much one value exceeds another, each value a question of its own: "The measure of an interior angle
of a regular decagon is how many degrees greater than the measure of an interior angle of a regular
pentagon?" is (what is the first?) - (what is the second?) = 144 - 108 = 36.

The question is split into its two values; each is asked back to the whole engine as "What is <value>?"
(after the sentences before the question, which may define what the values use), and the answer is the
difference, in the direction the comparison word says.

Precision rules (any one returns None): either value is not answered, or its answer is not one real number;
a value that refers back ("that of", "it"); a difference that is not positive (the comparison word says
which value is larger); a unit of measure other than degrees in "how many <unit>" (the two values could
be in other units than the one asked).
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import solved, step, tex
from .numeric_options import pick_numeric_option
from .problem import Problem
from .readers import FALLBACK_ORDER, ask_engine, reader
from .unit_data import UNITS
from .words import sentences, singular

__all__ = ["read_difference"]

_MORE = r"greater|more|larger|bigger|higher|longer|less|smaller|fewer|lower|shorter"
_LESS = frozenset("less smaller fewer lower shorter".split())
_HOW = r"how (?:many (?P<unit>[a-z]+(?: [a-z]+)?)|much)"
_FORMS = [
    # "A is how many degrees greater than B?"
    re.compile(rf"^(?P<a>.+?),? is {_HOW} (?P<cmp>{_MORE}) than (?P<b>.+?)\s*\?$", re.I),
    # "By how many degrees is A greater than B?", "By how much does A exceed B?"
    re.compile(rf"^by {_HOW},? (?:is|was) (?P<a>.+?) (?P<cmp>{_MORE}) than (?P<b>.+?)\s*\?$", re.I),
    re.compile(rf"^by {_HOW},? does (?P<a>.+?) (?P<cmp>exceed) (?P<b>.+?)\s*\?$", re.I),
    # "How much greater is A than B?"
    re.compile(rf"^{_HOW} (?P<cmp>{_MORE}) (?:is|was) (?P<a>.+?) than (?P<b>.+?)\s*\?$", re.I),
]
# a value that refers back to the other or to the story cannot be asked on its own
_REFERS = re.compile(r"^(?:that|those|it|its|this|these|they|one)\b|\b(?:that of|those of)\b", re.I)


@reader(
    "differences",
    handles="how much one value exceeds another, each value answered as a question of its own",
    order=FALLBACK_ORDER + 20,
)
def read_difference(prob: Problem) -> Solution | None:
    """The difference of two values the question names, or None when either is not answered with certainty."""
    parts = sentences(prob.raw.strip())
    if not parts:
        return None
    question, context = parts[-1], " ".join(parts[:-1])
    found = next((m for form in _FORMS if (m := form.match(question))), None)
    if found is None:
        return None
    unit = found.group("unit")
    if unit and singular(unit.split()[-1], english=True) in UNITS and singular(unit, english=True) != "degree":
        return None
    a, b = found.group("a").strip(), found.group("b").strip()
    if _REFERS.search(a) or _REFERS.search(b):
        return None
    first, second = _value(context, a), _value(context, b)
    if first is None or second is None:
        return None
    less = found.group("cmp").lower() in _LESS
    difference = second[0] - first[0] if less else first[0] - second[0]
    if not difference.is_positive:
        return None
    larger, smaller = (second, first) if less else (first, second)
    steps = [
        *first[1].steps,
        step(tex(first[0]), f"That is the first value: {a}."),
        *second[1].steps,
        step(tex(second[0]), f"That is the second value: {b}."),
        step(
            f"{tex(larger[0])} - {tex(smaller[0])} = {tex(difference)}", "Subtract the smaller value from the larger."
        ),
    ]
    hints = [
        "Find each of the two values on its own first.",
        "The question asks how far apart they are: subtract the smaller from the larger.",
    ]
    sol = solved(
        prob.raw,
        first[1].topic or "arithmetic",
        steps,
        hints,
        difference,
        verification="each value was answered and checked on its own; the difference is exact",
        verified=first[1].verified and second[1].verified,
    )
    if prob.options:
        sol.choice = pick_numeric_option(difference, prob.options, prob.raw)
    return sol


def _value(context: str, value: str) -> tuple[sp.Expr, Solution] | None:
    """The engine's answer to "What is <value>?" after the context, when it is one real number."""
    sol = ask_engine(f"{context} What is {value}?".strip())
    answer = sol.answer
    if not sol.solved or not isinstance(answer, sp.Expr) or not answer.is_number or not answer.is_extended_real:
        return None
    return answer, sol
