"""``solve``: the engine's one pipeline, from a problem's text to a checked ``Solution`` or a decline.

Stages, in order (each in one place below):

1. **analyse** (``problem.analyze``): the text is read once into a ``Problem``: math segments,
   wording with placeholders, options, rounding, whether it refers to a figure.
2. **versions** (:func:`_versions`): the problem as written, then its bare math
   (``context_models.without_context``: story sentences replaced by the math they hold), taken
   before any reader runs because readers rewrite the problem they work on. The bare version is
   tried only when the first declines, and the student gets the first version's reason.
3. **figure check** (:func:`check_figure`): a problem that refers to a figure is declined first.
4. **readers** (``readers.registered_readers()``, lower order first): each gets the ``Problem``
   and returns a ``MathProgram``, a ``Solution``, or ``None`` (not its kind: the next one tries);
   raising ``build.Decline`` stops the ordinary readers of this version with a reason; the
   fallback readers (``Reader.is_fallback``: ``forms``, and every order >= ``readers.FALLBACK_ORDER``)
   still try, and the first reason stands when they do not answer. Readers that need the parsed math
   call ``context.context_of(prob)``: the ``Context`` is built once per version and shared.
   The first answer wins; which reader gave it is recorded in ``Solution.reader``.
5. **solve** (``program_solve.solve_program``): a ``MathProgram`` is solved, checked and verified by
   ``program_solve.solve_program``; a ``Solution`` is used as it is.
6. **checks** (:func:`_check`), the same after every reader: the option matching the answer is
   chosen (``options.choose_option``) and the answer is checked against what the question asks
   (``targets.check_target``).

Adding a reader: in its own module, decorate ``(prob: Problem) -> MathProgram | Solution | None``
with ``@reader(name, handles="one line of what it reads", order=N)`` (see ``readers.py``; the
existing families and their orders are listed in ``legacy.py``) and import the module here.
Return ``None`` for problems that are not its kind; never guess: a wrong answer is far worse
than a decline.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

import sympy as sp

from ..config import Settings
from ..errors import ProblemError
from ..solution import Solution
from . import (
    arith_words,  # noqa: F401  (registers the rounding, clock and lcm/gcd reader)
    comparisons,  # noqa: F401  (registers the how-many-more-than reader)
    counting,  # noqa: F401  (registers the counting and probability reader)
    differences,  # noqa: F401  (registers the how-much-greater-is-one-value reader, a fallback)
    digit_puzzles,  # noqa: F401  (registers the unknown-digits reader)
    draws,  # noqa: F401  (registers the draws-from-a-container reader)
    exchanges,  # noqa: F401  (registers the exchange-rate chain reader)
    experiments,  # noqa: F401  (registers the dice, coins and chosen-numbers reader)
    forms,  # noqa: F401  (registers the written-out-math reader, a fallback)
    geometry,  # noqa: F401  (registers the measurement-geometry reader)
    integers,  # noqa: F401  (registers the integer-property reader)
    legacy,  # noqa: F401  (registers the reader families)
    number_facts,  # noqa: F401  (registers the digits, remainders and bases reader)
    parts_of_whole,  # noqa: F401  (registers the whole-and-the-rest reader)
    percent_stories,  # noqa: F401  (registers the one-percent story reader)
    poly_degree,  # noqa: F401  (registers the degree-of-a-combination reader)
    selections,  # noqa: F401  (registers the selection and office readers)
    sequences,  # noqa: F401  (registers the sequence reader)
    tables,  # noqa: F401  (registers the table reader)
    units,  # noqa: F401  (registers the unit-story reader, a fallback)
)
from .build import Decline, decimal_latex, declined, rounded, rounding_text, step, tex
from .context_models import without_context
from .forms import write_mixed_number
from .options import choose_option
from .problem import Problem, analyze
from .program import MathProgram
from .program_solve import solve_program
from .readers import registered_readers, use_engine
from .targets import check_target

log = logging.getLogger(__name__)

__all__ = ["solve", "check_figure"]

DEFAULT_MAX_CHARS: int = Settings.max_problem_chars  # the dataclass default


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
    log.debug("solved in %.3fs by %r: %s", time.perf_counter() - started, sol.reader, sol.status)
    return sol


use_engine(solve)  # a reader may ask the engine a sub-question (differences: "what is <each value>?")


def _solve(problem: str, options) -> Solution:
    first: Decline | None = None
    for version in _versions(analyze(problem, options)):
        try:
            return _answer(version)
        except Decline as exc:
            first = first or exc  # the reason for the problem as written, not for its bare math
    assert first is not None  # _versions yields at least the problem as written
    raise first


def _versions(prob: Problem) -> list[Problem]:
    """The problem as written, then (when that loses nothing) its bare math; both taken before solving."""
    bare = without_context(prob)
    return [prob] if bare is None else [prob, bare]


def check_figure(prob: Problem) -> None:
    """Decline a problem that refers to a figure or table the engine cannot read (the first check)."""
    if prob.has_figure:
        raise Decline("The problem refers to a figure or table, which I cannot read.")


def _answer(prob: Problem) -> Solution:
    """Run the figure check and the readers on one version of the problem; check the first answer.

    A reader's decline skips the ordinary readers after it, but the fallback readers
    (``Reader.is_fallback``) still try; when none answers, the first decline stands.
    """
    check_figure(prob)
    pristine = _copy(prob)  # ordinary readers rewrite the problem they read; a fallback reader gets it as written
    declined_by: Decline | None = None
    for entry in registered_readers():
        if declined_by is not None and not entry.is_fallback:
            continue
        # a fallback reads its own copy as written, so the ordinary readers after it keep their shared Context
        read_as = _copy(pristine) if entry.is_fallback else prob
        try:
            found = entry.read(read_as)
        except Decline as exc:
            declined_by = declined_by or exc
            continue
        if found is None:
            continue
        if isinstance(found, MathProgram):
            found.reader = found.reader or entry.name
            sol = solve_program(found, read_as)
        else:
            sol = found
        sol = _check(read_as, sol)
        sol.reader = entry.name
        return sol
    raise declined_by or Decline("No reader of this engine recognised the problem.")


def _copy(prob: Problem) -> Problem:
    """A copy of ``prob`` whose text, math and options a reader may rewrite (its context is built afresh)."""
    return replace(prob, math=list(prob.math), options=list(prob.options))


def _check(prob: Problem, sol: Solution) -> Solution:
    """The checks shared by every reader: choose the matching option, check the answer's target, and print it
    as the problem asks (rounded, as a decimal, as a mixed number) when the reader has not."""
    if prob.options and sol.choice is None:
        sol = choose_option(sol, prob.options)
    sol = check_target(prob, sol)
    if sol.solved and not prob.options:
        _write_as_asked(prob, sol)
    return sol


def _write_as_asked(prob: Problem, sol: Solution) -> None:
    """Round an exact answer to the places asked, or print a terminating fraction as the decimal asked."""
    value = sol.answer
    if not isinstance(value, sp.Expr) or not value.is_number or value.is_real is not True:
        return
    final = sol.steps.pop() if sol.steps and sol.steps[-1].text == "This is the answer." else None
    if prob.rounding is not None:
        near = rounded(value, prob.rounding)
        if sp.nsimplify(near) != sp.nsimplify(value):
            sol.steps.append(step(f"{tex(value)} \\approx {tex(near)}", rounding_text(prob.rounding)))
            sol.answer, sol.answer_latex = near, tex(near)
            value = near
    if (prob.form == "decimal" or prob.rounding is not None) and decimal_latex(value):
        sol.answer_latex = decimal_latex(value)
    elif prob.form == "mixed number" and prob.rounding is None:
        write_mixed_number(sol)
    if final is not None:
        sol.steps.append(step(sol.answer_latex or tex(sol.answer), final.text))
