"""Check a model's answer with the math engine: verified, unverified or contradicted.

Three checks, strongest first:

1. the built-in engine's own solution, when it has one: same option letter, or
   an equivalent answer (``answers_equivalent``); when they disagree the student
   gets the engine's solution and the model's answer is flagged in ``notes``;
2. substitution: an answer ``x = v`` (or several values) put back into the
   problem's only equation; a polynomial equation must also get all its real
   roots before the answer counts as verified;
3. the options: a chosen letter whose text is not the stated answer, while
   another option's text is, contradicts itself.

Nothing is verified by default: an answer no check reaches stays ``unverified``.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass

from ..llm.base import Options
from ..solution import Solution

__all__ = ["Verdict", "verify_solution", "VERIFIED", "UNVERIFIED", "CONTRADICTED"]

log = logging.getLogger(__name__)

VERIFIED, UNVERIFIED, CONTRADICTED = "verified", "unverified", "contradicted"
_ASSIGN = re.compile(r"^\s*\\?\(?\s*([a-zA-Z])\s*=\s*(.+?)\s*\)?\s*$", re.S)
_SEPARATORS = re.compile(r"\s*(?:,|;|\bor\b|\band\b|\\text\{\s*(?:or|and)\s*\}|\\quad|\\qquad)\s*")


@dataclass
class Verdict:
    """What the student should see, and how the model's answer fared."""

    solution: Solution
    outcome: str  # verified | unverified | contradicted
    replaced: bool = False  # the engine's solution replaced the model's
    model: Solution | None = None  # the model's own solution, marked (differs from solution when replaced)

    def __post_init__(self) -> None:
        if self.model is None:
            self.model = self.solution


def _equivalent(a: str | None, b: str | None) -> bool | None:
    if not a or not b:
        return None
    try:
        from ..mathengine import answers_equivalent

        return answers_equivalent(a, b)
    except ImportError:  # engine not importable: fall back to math-verify directly
        from math_verify import parse, verify

        left, right = parse(f"${a}$"), parse(f"${b}$")
        return bool(verify(left, right)) if left and right else None
    except Exception:  # an equivalence bug must not break the solve
        log.debug("answers_equivalent failed on %r vs %r", a, b, exc_info=True)
        return None


def _value_part(answer: str) -> str:
    """``"x = 4"`` -> ``"4"``; anything else unchanged (``$`` signs dropped)."""
    text = answer.strip().strip("$").strip()
    match = _ASSIGN.match(text)
    return match.group(2) if match and "=" not in match.group(2) else text


def _answer_texts(solution: Solution) -> list[str]:
    texts = []
    for raw in (solution.answer_latex, solution.answer if isinstance(solution.answer, str) else None):
        if raw and _value_part(raw) not in texts:
            texts.append(_value_part(raw))
    return texts


def _matches(solution: Solution, target: str) -> bool | None:
    results = [_equivalent(text, _value_part(target)) for text in _answer_texts(solution)]
    if any(r is True for r in results):
        return True
    return False if results and all(r is False for r in results) else None


def _check_options(solution: Solution, options: Options | None) -> bool | None:
    """Fill a missing choice from the answer; False when the choice contradicts the answer."""
    if not options:
        return None
    matching = [letter for letter, text in options if _matches(solution, text) is True]
    if solution.choice is None:
        if len(matching) == 1:
            solution.choice = matching[0]
        return None
    if solution.choice in matching:
        return True
    return False if matching else None


def _agrees_with_engine(solution: Solution, engine: Solution, options: Options | None) -> bool | None:
    if options and solution.choice and engine.choice:
        return solution.choice == engine.choice
    targets = [t for t in (engine.answer_latex, None if engine.answer is None else str(engine.answer)) if t]
    results = [_matches(solution, t) for t in targets]
    if any(r is True for r in results):
        return True
    return False if results and all(r is False for r in results) else None


def _claimed_values(solution: Solution, symbol, parse_math) -> list | None:
    for raw in (solution.answer_latex, solution.answer if isinstance(solution.answer, str) else None):
        if not raw:
            continue
        values: list = []
        for part in _SEPARATORS.split(raw.strip().strip("$")):
            match = _ASSIGN.match(part)
            if not part.strip():
                continue
            if not match or match.group(1) != symbol.name:
                values = []  # not a list of "x = v" claims: try the next form of the answer
                break
            values.append(parse_math(match.group(2)))
        if values:
            return values
    return None


def _check_substitution(solution: Solution, problem: str) -> bool | None:
    """True/False when an explicit ``x = v`` answer can be put back into the problem's equations in x.

    Every equation must hold; a lone polynomial equation must also get all its
    distinct real roots before the answer counts as verified.
    """
    try:
        import sympy as sp

        from ..mathengine.context import build_context
        from ..mathengine.parse import parse_math
        from ..mathengine.problem import analyze

        equations = build_context(analyze(problem)).equations
        symbols = {frozenset(eq.free_symbols) for eq in equations}
        if len(symbols) != 1 or len(next(iter(symbols))) != 1:
            return None  # no equation, or several unknowns: not a one-variable claim to check
        symbol = next(iter(next(iter(symbols))))
        values = _claimed_values(solution, symbol, parse_math)
        if not values:
            return None
        residuals = [eq.lhs - eq.rhs for eq in equations]
        for residual in residuals:
            for value in values:
                number = complex(sp.N(residual.subs(symbol, value), 30))
                if abs(number) > 1e-9 * max(1.0, abs(complex(sp.N(value)))):
                    return False
        residual = residuals[0]
        if len(residuals) == 1 and residual.is_polynomial(symbol):
            distinct = sp.Poly(residual, symbol).sqf_part()
            complex_claimed = any(getattr(v, "is_real", None) is False for v in values)
            needed = distinct.degree() if complex_claimed else distinct.count_roots()
            return True if len(set(values)) >= int(needed) else None
        return None  # satisfies it, but other solutions may exist
    except Exception:  # unreadable math is simply not checkable
        log.debug("substitution check skipped", exc_info=True)
        return None


def _as_value(answer: str) -> object:
    """The answer as a SymPy value when it reads as one (so "check my answer" can give hints)."""
    try:
        from ..mathengine.equivalence import to_value

        value = to_value(_value_part(answer))
    except Exception:  # optional nicety; the string answer still works
        return answer
    return answer if value is None else value


def _mark(solution: Solution, outcome: str, detail: str = "") -> Verdict:
    solution.verification = outcome
    solution.verified = outcome == VERIFIED
    if isinstance(solution.answer, str) and outcome != CONTRADICTED:
        solution.answer = _as_value(solution.answer)
    if detail:
        solution.notes = solution.notes + [detail]
    return Verdict(solution, outcome)


def verify_solution(
    solution: Solution, problem: str, options: Options | None = None, engine: Solution | None = None
) -> Verdict:
    """Check a model's solved ``solution``; return the :class:`Verdict` (never raises).

    ``engine`` is the built-in engine's solution of the same problem, if it was computed.
    """
    sol = dataclasses.replace(solution, notes=list(solution.notes))
    who = sol.backend
    if _check_options(sol, options) is False:
        return _mark(sol, CONTRADICTED, f"{who}'s chosen option {sol.choice} is not its own answer {sol.answer_latex}")
    if engine is not None and engine.solved:
        agrees = _agrees_with_engine(sol, engine, options)
        if agrees is True:
            return _mark(sol, VERIFIED, f"{who}'s answer agrees with the built-in engine")
        if agrees is False:
            claimed = f"option {sol.choice}" if options and sol.choice else sol.answer_latex
            engine_says = f"option {engine.choice}" if options and engine.choice else engine.answer_latex
            flagged = _mark(
                sol, CONTRADICTED, f"{who}'s answer ({claimed}) contradicts the built-in engine ({engine_says})"
            )
            shown = dataclasses.replace(engine, notes=list(engine.notes))
            shown.notes.append(f"{flagged.solution.notes[-1]}; showing the engine's answer")
            return Verdict(shown, CONTRADICTED, replaced=True, model=flagged.solution)
    substituted = _check_substitution(sol, problem)
    if substituted is True:
        return _mark(sol, VERIFIED, f"{who}'s answer satisfies the problem's equation")
    if substituted is False:
        return _mark(sol, CONTRADICTED, f"{who}'s answer {sol.answer_latex} does not satisfy the problem's equation")
    return _mark(sol, UNVERIFIED, f"{who}'s answer could not be checked")
