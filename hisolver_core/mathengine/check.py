""""Check my answer": judge a student's answer by mathematical equivalence."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import sympy as sp

from ..solution import Solution
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

    Returns an :class:`AnswerCheck`; a wrong answer carries a hint naming the
    step where such answers typically go astray. Never raises.
    """
    if not solution.solved:
        return AnswerCheck(None, "I could not solve this problem, so I cannot check your answer.")
    answer = (student_answer or "").strip()
    if not answer:
        return AnswerCheck(None, "Type your answer first.")
    if len(answer) > MAX_ANSWER_CHARS:
        return AnswerCheck(None, f"That answer is over {MAX_ANSWER_CHARS} characters: type just the value or expression.")
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
    if verdict is None:
        return AnswerCheck(None, "I could not read your answer as a number or expression. Try a form like 3/4 or 2x+1.")
    if verdict:
        return AnswerCheck(True, "Correct: your answer is equivalent to mine.")
    if isinstance(solution.answer, tuple) and any(_sympy_equal(to_value(answer), e) for e in solution.answer):
        return AnswerCheck(False, "Part of the answer: that value is one solution, but there are more.",
                           "Check the other case or factor: the equation has more than one solution.")
    return AnswerCheck(False, "Not quite: your answer is not equivalent to the correct one.", _mistake_hint(solution, answer))


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


def _mistake_hint(solution: Solution, answer: str) -> str:
    got, expected = to_value(answer), solution.answer
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


def _step_hint(solution: Solution) -> str:
    steps = solution.steps
    if len(steps) >= 2:
        return f"Look again at step 2: {steps[1].text}"
    if solution.hints:
        return solution.hints[-1]
    return "Work through the steps again carefully."
