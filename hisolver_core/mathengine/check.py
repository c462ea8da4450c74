""" "Check my answer": judge a student's answer by mathematical equivalence."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Literal

import sympy as sp

from ..solution import Solution
from .answer_forms import as_set, read_answer_set
from .equivalence import _sympy_equal, answers_equivalent, to_value

log = logging.getLogger(__name__)

__all__ = ["AnswerCheck", "check_answer"]


@dataclass
class AnswerCheck:
    """The verdict: ``correct`` (None when it cannot be judged), a message, and a hint for wrong answers."""

    correct: bool | None
    message: str
    hint: str | None = None


def _letter(text: str) -> str | None:
    m = re.fullmatch(r"\s*\(?([A-Ea-e])\)?\s*", text)
    return m.group(1).upper() if m else None


def check_answer(solution: Solution, student_answer: str) -> AnswerCheck:
    """Compare ``student_answer`` (text, LaTeX or an option letter) with the solution's answer.

    Lists, inequalities in either direction, intervals, set braces, points for intercepts, mixed
    numbers and ± forms are read as sets of numbers. Returns an :class:`AnswerCheck`; a correct
    subset of a list is "part of the answer"; a wrong answer carries a hint naming the step whose
    quantity it is ("that is y; the question asks for x") or a typical slip. Never raises.
    """
    if not solution.solved:
        return AnswerCheck(None, "I could not solve this problem, so I cannot check your answer.")
    answer = (student_answer or "").strip()
    if not answer:
        return AnswerCheck(None, "Type your answer first.")
    if len(answer) > MAX_ANSWER_CHARS:
        return AnswerCheck(
            None, f"That answer is over {MAX_ANSWER_CHARS} characters: type just the value or expression."
        )
    if _HUGE.search(answer):
        return AnswerCheck(None, "That number is too large to check. Type the value in a shorter form.")
    try:
        return _check(solution, answer)
    except Exception:  # SymPy can fail in many ways on odd input: a message, never a crash
        log.warning("answer check failed on %r", answer[:80], exc_info=True)
        return AnswerCheck(None, "I could not read your answer as a number or expression. Try a form like 3/4 or 2x+1.")


# Inputs SymPy would spend minutes on (1e999999, 2^99999, a 400-digit number) are refused up front.
MAX_ANSWER_CHARS = 200
_HUGE = re.compile(r"\d{60,}|[eE]\s*[+-]?\s*\d{4,}|(\^|\*\*)\s*[{(]?\s*[+-]?\s*\d{4,}|!\s*!|\d{3,}\s*!")


def _check(solution: Solution, answer: str) -> AnswerCheck:
    letter = _letter(answer)
    if solution.choice and letter:
        if letter == solution.choice:
            return AnswerCheck(True, f"Correct: option {letter}.")
        return AnswerCheck(False, f"Option {letter} is not right.", _step_hint(solution))
    verdict = _compare(solution, answer)
    if verdict is not True:
        by_set = _compare_sets(solution, answer)
        if by_set == "part":
            return AnswerCheck(
                False,
                "Part of the answer: what you wrote is right, but the answer has more values.",
                "Check the other case or factor: the equation has more than one solution.",
            )
        if by_set is not None:
            verdict = by_set
    if verdict is None:
        return AnswerCheck(None, "I could not read your answer as a number or expression. Try a form like 3/4 or 2x+1.")
    if verdict:
        return AnswerCheck(True, "Correct: your answer is equivalent to mine.")
    return AnswerCheck(
        False, "Not quite: your answer is not equivalent to the correct one.", _mistake_hint(solution, answer)
    )


def _compare(solution: Solution, answer: str) -> bool | None:
    expected = solution.answer
    if isinstance(expected, tuple):
        got = to_value(answer)
        got_items = tuple(got) if isinstance(got, (sp.Tuple, tuple)) else (got,)
        if any(g is None for g in got_items):
            return None
        if len(got_items) != len(expected):
            return False
        return all(any(_sympy_equal(g, e) for e in expected) for g in got_items)
    if to_value(answer) is None:
        return None
    return answers_equivalent(answer, solution.answer_latex or "")


def _compare_sets(solution: Solution, answer: str) -> bool | Literal["part"] | None:
    """Compare as sets of numbers (lists, inequalities, intervals): True, False, "part" (a proper subset), or None."""
    expected = as_set(solution.answer)
    if expected is None:
        return None
    intercepts = bool(re.search(r"intercept|x-axis|\bzeros?\b|\broots?\b", solution.problem, re.I))
    readings = [read_answer_set(answer)] + ([read_answer_set(answer, intercepts=True)] if intercepts else [])
    verdicts = [_set_verdict(expected, got) for got in readings if got is not None]
    for wanted in (True, "part", False):
        if wanted in verdicts:
            return wanted
    return None


def _set_verdict(expected: sp.Set, got: sp.Set) -> bool | Literal["part"] | None:
    try:
        if sp.simplify(expected.symmetric_difference(got)) == sp.EmptySet:
            return True
        if isinstance(expected, sp.FiniteSet) and len(expected) > 1 and got != sp.EmptySet and got.is_subset(expected):
            return "part"
    except (TypeError, ValueError, NotImplementedError):
        return None
    return False


_STEP_EQUATION = re.compile(r"^\s*([^=]+?)\s*=\s*([^=]+?)\s*$")


def _step_values(solution: Solution) -> list[tuple[int, str, object]]:
    """``(step number, left side, value)`` for each step that gives a side a number (``y = 4``, ``2 x = 12``)."""
    found = []
    for n, st in enumerate(solution.steps, start=1):
        for piece in re.split(r"\\\\|\\quad|\\text\{\s*and\s*\}|,\s*(?=[a-zA-Z]\s*=)", st.latex):
            m = _STEP_EQUATION.match(piece)
            if not m or not re.search(r"[a-zA-Z]", m.group(1)):
                continue
            value = to_value(m.group(2))
            if isinstance(value, sp.Expr) and value.is_number:
                found.append((n, m.group(1).strip(), value))
    return found


def _astray_hint(solution: Solution, got) -> str | None:
    """Name the step whose quantity the student gave instead of the one asked ("that is y; the question asks for x")."""
    if not (isinstance(got, sp.Expr) and got.is_number):
        return None
    values = _step_values(solution)
    asked = next((lhs for _, lhs, v in reversed(values) if _sympy_equal(v, solution.answer)), None)
    for n, lhs, value in values:
        if lhs != asked and _sympy_equal(value, got) and not _sympy_equal(value, solution.answer):
            target = f"${asked}$" if asked else "the value asked for"
            if re.fullmatch(r"[a-zA-Z](?:_\{?\w+\}?)?", lhs):
                return f"That is ${lhs}$ (step {n}); the question asks for {target}."
            return f"That is ${lhs}$ (step {n}); the question asks for {target}: carry on from step {n}."
    return None


def _mistake_hint(solution: Solution, answer: str) -> str:
    got, expected = to_value(answer), solution.answer
    if got is None:  # "2 2/9", "±3": read as a set of numbers; one number stands for itself
        values = read_answer_set(answer)
        got = next(iter(values)) if isinstance(values, sp.FiniteSet) and len(values) == 1 else None
    astray = _astray_hint(solution, got)
    if astray:
        return astray
    if isinstance(got, sp.Expr) and isinstance(expected, sp.Expr) and expected != 0:
        checks = [
            (-expected, "Check the signs: a term may have changed sides without changing its sign."),
            (1 / expected, "Your answer is upside down: check which quantity you divided by."),
            (2 * expected, "Your answer is twice the right one: check for a factor of 2."),
            (expected / 2, "Your answer is half the right one: check for a factor of 2."),
        ]
        for wrong, hint in checks:
            try:
                if _sympy_equal(got, wrong):
                    return hint
            except (TypeError, ValueError):
                continue
        if re.fullmatch(r"\s*-?\d*\.\d+\s*", answer) and not isinstance(expected, sp.Float):
            try:
                if abs(float(got) - float(expected)) < 0.01 * max(1.0, abs(float(expected))):
                    return "Close: give the exact value rather than a rounded decimal."
            except TypeError:
                pass
    return _step_hint(solution)


_RESTATING = re.compile(r"^(?:write down|start from|label|write the|copy)\b", re.I)


def _step_hint(solution: Solution) -> str:
    """Point at the first step that does work (not the ones that restate the problem)."""
    steps = solution.steps
    working = [(n, st) for n, st in enumerate(steps, start=1) if not _RESTATING.match(st.text)]
    if len(steps) >= 2 and working:
        n, st = working[0]
        return f"Look again at step {n}: {st.text}"
    if solution.hints:
        return solution.hints[-1]
    return "Work through the steps again carefully."
