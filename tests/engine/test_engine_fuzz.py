"""Fuzzed input never crashes the engine or hangs it."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hisolver_core.errors import ProblemError
from hisolver_core.mathengine import check_answer, solve
from hisolver_core.solution import Solution

MATHY = st.text(alphabet="0123456789xyzi+-*/^=()<>|.,$ \\{}abcfrqst%!?[]", min_size=1, max_size=60)
WORDS = st.lists(st.sampled_from(["solve", "for", "$x$", "what", "is", "$2x+1=5$", "(A)3", "B)", "percent", "of",
                                  "\\frac{1}{2}", "$", "mean", "which", "following", "f(x)=", "|x|", "sqrt", "9^9^9"]),
                 min_size=1, max_size=12).map(" ".join)


def _run(problem: str) -> Solution | None:
    started = time.perf_counter()
    try:
        sol = solve(problem)
    except ProblemError:
        return None
    assert time.perf_counter() - started < 10
    assert sol.status in ("solved", "unsupported")
    if sol.solved:
        assert sol.answer_latex is not None and len(sol.hints) >= 3
    else:
        assert sol.reason
    check_answer(sol, "3")
    return sol


@pytest.mark.timeout(120)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MATHY)
def test_fuzz_math_characters(problem: str) -> None:
    _run(problem)


@pytest.mark.timeout(120)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WORDS, st.one_of(st.none(), st.lists(st.text(max_size=8), max_size=5)))
def test_fuzz_words_and_options(problem: str, options) -> None:
    try:
        sol = solve(problem, options)
    except ProblemError:
        return
    assert sol.status in ("solved", "unsupported")
