"""Story problems read by families of phrasings: the ``Story`` a family returns, and ``solve_story``.

The families are in :mod:`.basic_stories` (rate × time, work, interest, profit, consecutive integers,
two numbers), :mod:`.ratios`, :mod:`.proportion`, :mod:`.everyday`, :mod:`.mean_stories`,
:mod:`.chance_stories`, :mod:`.purchases` and :mod:`.classic`. Each family reads the quantities it
knows by their units or roles and writes the relationship as SymPy equations; ``solve_story`` solves
for what the question asks and checks the solution by substitution. A family declines (returns None)
unless every number in the problem was given a role, so a problem with a quantity the family does
not understand is never answered from the other numbers. With options, the answer is matched to
exactly one option (:mod:`.numeric_options`). Question words that ask for more than a value
(an optimum, a negation, a bound) stop every family that is not marked as reading them (:func:`reads`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

import sympy as sp

from ..solution import Solution
from .algebra import values_satisfy
from .build import Decline, decimal_latex, solved, step, tex
from .numeric_options import pick_numeric_option
from .problem import Problem, strip_format
from .rewrite import words_to_numbers
from .words import sentences

__all__ = ["solve_story", "story_text", "question_of", "reads", "Story", "NUM"]

NUM = r"(\d+(?:\.\d+)?(?:/\d+)?)"
_NUM_TOKEN = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:/\d+)?(?![\w.]*\d)")


def story_text(prob: Problem) -> str:
    """The raw question, lower case, numbers in digits, currency and percent signs normalised."""
    s = strip_format(prob.raw).lower().replace("\\%", "%").replace("\\$", "$").replace("’", "'")
    s = re.sub(r"\\(?:text|mathrm)\{([^{}]*)\}", r"\1", s)
    s = re.sub(
        r"\$\s?(\d+(?:\.\d+)?) (?=(?:per|an|a|each) (?:second|minute|hour|day|week|month|year)\b)", r"\1 dollars ", s
    )
    s = s.replace("$", " ").replace("\\", " ")
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)
    s = words_to_numbers(s)
    s = re.sub(r"\b(?:rs|inr|usd)\.?\s*(?=\d)", "", s)
    s = re.sub(r"\s*(?:%|per cent\b|percent\b)", " percent", s)
    s = re.sub(
        r"\b(?:kmph|km/hr|km/h|kmh|kilometers per hour|kilometres per hour|km an hour|kilometers an hour)\b",
        "km per hour",
        s,
    )
    s = re.sub(r"\b(?:mph|miles an hour|miles/hour|miles/hr)\b", "miles per hour", s)
    s = re.sub(r"\b(?:m/s|m/sec|meters per second|metres per second|m per sec)\b", "m per second", s)
    s = re.sub(r"(\d)\s*(km|m|cm|hrs?|mins?|secs?)\b", r"\1 \2", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def _n(text: str) -> sp.Rational:
    return sp.Rational(text)


@dataclass
class Story:
    """A story problem read into equations: ``knowns`` fix some symbols, ``target`` is asked."""

    topic: str
    equations: list[sp.Eq]
    knowns: dict
    target: sp.Expr
    used: list[str]
    hints: list[str]
    given: list[str] = field(default_factory=list)  # one sentence per known, for the steps
    scale: sp.Expr = sp.Integer(1)  # the target's value is divided by this (unit conversion)
    unit: str = ""
    integer: bool = False  # the answer counts things: it must be a whole number
    positive: bool = True  # the answer must be positive
    requires: list = field(default_factory=list)  # relations a solution must satisfy (e.g. x > y)
    params: tuple = ()  # letters the answer is expressed in ("for h hours"): they stay free
    answer_latex: str = ""  # how to print an answer in letters when SymPy's form reads badly (2500·1.04^t)
    parity: str | None = None  # "even" or "odd" for consecutive integers: checked after solving


Family = Callable[..., "Story | None"]  # a family reads the story text (and, for some, the options' text)

# question words that stop every family except those marked as reading them (``reads``)
_QUESTION_WORDS = {
    "extremes": r"\b(?:least|most|greatest|smallest|largest|fewest|highest|lowest)\b",  # asks for an optimum
    "negation": r"\bnot\b",  # "... is not blue"
    "bounds": r"\b(?:at least|at most|maximum|minimum)\b",  # "without exceeding the maximum load"
}


def reads(*words: str) -> Callable[[Family], Family]:
    """Mark a family as reading these question words (keys of ``_QUESTION_WORDS``); the others skip such questions."""
    unknown = set(words) - set(_QUESTION_WORDS)
    if unknown:
        raise ValueError(f"Unknown question words {sorted(unknown)}.")

    def mark(family: Family) -> Family:
        family.reads = frozenset(words)  # type: ignore[attr-defined]
        return family

    return mark


def _all_numbers_used(s: str, used: list[str]) -> bool:
    """True when the numbers in ``s`` are exactly those in ``used`` (as a multiset)."""
    found = sorted(_NUM_TOKEN.findall(s))
    return found == sorted(used)


def question_of(s: str) -> str:
    """The last sentence: the question."""
    parts = sentences(s, glued=True)
    qs = [p for p in parts if "?" in p or re.match(r"(?:what|how|find|calculate|determine|in how)\b", p)]
    q = (qs[-1] if qs else parts[-1]) if parts else s
    m = re.match(
        r"^(?:if|when|given that|since) [^?]*? ?, (?:then )?((?:how|what|which|find|calculate|in how|for how"
        r"|for what)\b.*)$",
        q,
    )
    return m.group(1) if m else q


def _solve_story(story: Story) -> sp.Expr:
    eqs = [e.subs(story.knowns) for e in story.equations]
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)) - set(story.params), key=lambda u: u.name)
    try:
        sols = sp.solve(eqs, unknowns, dict=True)
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("SymPy could not solve the story's equations.") from exc
    values = []
    for sol in sols:
        if not values_satisfy(eqs, sol) or not all(bool(r.subs(story.knowns).subs(sol)) for r in story.requires):
            continue
        raw = sp.sympify(story.target).subs(story.knowns).subs(sol) / story.scale
        growth = any(p.exp.free_symbols for p in raw.atoms(sp.Pow))  # 200000·1.03^t: simplify would split the base
        value = raw if growth else sp.nsimplify(sp.simplify(raw))
        if value.free_symbols - set(story.params) or (not value.free_symbols and not value.is_real):
            continue
        values.append(value)
    values = list(dict.fromkeys(values))
    if len(values) != 1:
        return None
    return values[0]


def solve_story(
    prob: Problem, families: Sequence[Family] = (), *, with_options: Collection[Family] = ()
) -> Solution | None:
    """Solve a story problem in a phrasing a family reads; None when none does. Raises Decline on an option mismatch.

    ``families`` are tried in order (the modules that build on this one's ``Story`` hold them, so this
    module imports none of them); a family in ``with_options`` also gets the options' text.
    """
    s = story_text(prob)
    q = question_of(s)
    if len(s) > 600 or re.search(r"\b(?:none|except|approximately|about|nearly)\b", q):
        return None
    asked = {word for word, pattern in _QUESTION_WORDS.items() if re.search(pattern, q)}
    options_text = " ".join(text.lower() for _, text in prob.options)
    for family in families:
        if not asked <= getattr(family, "reads", frozenset()):
            continue  # "the least time ...": only a family that reads the question's words may answer
        story = family(s, options_text) if family in with_options else family(s)
        if story is None or not _all_numbers_used(s, story.used):
            continue
        value = _solve_story(story)
        if value is None or (story.topic == "consecutive integers" and not _parity_ok(story, value)):
            continue
        if not value.free_symbols and ((story.positive and value <= 0) or (story.integer and not value.is_integer)):
            continue
        return _story_solution(prob, story, value)
    return None


def _parity_ok(story: Story, value) -> bool:
    if not value.is_integer:
        return False
    parity = getattr(story, "parity", "")
    return not parity or (int(value) % 2 == (0 if parity == "even" else 1))


def _unit_noise(eq) -> bool:
    """True when unit conversion left huge fractions (``\\frac{9656064}{125}``) that would only confuse."""
    return any(abs(r.p) > 10**5 or r.q > 10**4 for r in eq.atoms(sp.Rational))


def _given_latex(given: str) -> str:
    """``speed: 12 miles per hour`` as ``\\text{speed} = 12\\ \\text{miles per hour}``: the number as math."""

    def text(words: str) -> str:
        return r"\text{" + words.replace("%", r"\%").replace("$", r"\$") + "}"

    m = re.fullmatch(r"([^:]+):\s*(-?\d+(?:\.\d+)?(?:/\d+)?)(%?)\s*(.*)", given)
    if not m:
        return text(given)
    label, number, percent, unit = m.groups()
    return f"{text(label)} = {number}" + (r"\%" if percent else "") + (rf"\ {text(unit)}" if unit else "")


def _story_solution(prob: Problem, story: Story, value) -> Solution:
    steps = (
        [step(r",\quad ".join(_given_latex(g) for g in story.given), "List the given quantities.")]
        if story.given
        else []
    )
    steps += [step(e, "Write the relationship between the quantities.") for e in story.equations]
    substituted = [e.subs(story.knowns) for e in story.equations]
    steps += [
        step(e, "Substitute the known values.")
        for e in substituted
        if e not in story.equations and e is not sp.true and not _unit_noise(e)
    ]
    unit = f" ({story.unit})" if story.unit else ""
    asked = sp.sympify(story.target)
    money = story.topic in (
        "percent",
        "mean",
        "statistics",
        "unit conversion",
        "systems of equations",
        "linear models",
    ) or any("." in n for n in story.used)  # decimals read best
    value_latex = decimal_latex(value) if money else None
    if value_latex is None and isinstance(value, sp.Rational) and value.q > 1000:
        value_latex = (
            rf"\approx {float(value):.2f}"  # 2433.31 reads better than 190102016/78125; the exact value is kept
        )
    value_latex = value_latex or tex(value)
    relation = "" if value_latex.startswith("\\approx") else "= "
    shown = f"{tex(asked)} {relation}{value_latex}" if isinstance(asked, sp.Symbol) else value_latex
    if not steps or steps[-1].latex != shown:
        steps.append(step(shown, f"Solve for the asked quantity{unit}."))
    else:
        steps[-1] = step(shown, f"Substitute the known values: this is the asked quantity{unit}.")
    if value.free_symbols:
        return _expression_solution(prob, story, steps, value)
    if prob.rounding is not None:
        from .build import rounded

        value = rounded(value, prob.rounding)
    sol = solved(
        prob.raw,
        story.topic,
        steps,
        story.hints,
        value,
        answer_latex=value_latex if prob.rounding is None else None,
        verification="solved the story's equations with SymPy and checked the solution by substitution",
    )
    if prob.options:
        letter = pick_numeric_option(value, prob.options, prob.raw)
        sol.choice = letter
        sol.verification += f"; option {letter} is the only option equal to it"
        sol.steps.append(step(rf"\text{{({letter})}}", f"Option {letter} matches the answer."))
    return sol


def _expression_solution(prob: Problem, story: Story, steps, value) -> Solution:
    """An answer in terms of the problem's letter ("for h hours"): matched to an option by equivalence."""
    from .options import choose_option  # options builds on the algebra modules; import late

    sol = solved(
        prob.raw,
        story.topic,
        steps,
        story.hints,
        value,
        answer_latex=story.answer_latex or None,
        verification="built the expression from the stated rates and checked it against the relation",
    )
    if prob.options:
        sol = choose_option(sol, prob.options)
    return sol
