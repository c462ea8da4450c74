"""The packaged SAT-style sets, each solved once per test session (several tests read the same solutions)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from hisolver_core.evaluation import EvalItem, load_items, packaged_set
from hisolver_core.mathengine import solve
from hisolver_core.solution import Solution

Solved = list[tuple[EvalItem, Solution]]


@pytest.fixture(scope="session")
def solved_set() -> Callable[[str], Solved]:
    """Call ``solved_set("sat_style_dev")`` for ``[(item, solution), ...]``; each set is solved at most once."""
    cache: dict[str, Solved] = {}

    def solved(name: str) -> Solved:
        if name not in cache:
            cache[name] = [
                (item, solve(item.problem, item.options or None)) for item in load_items(packaged_set(name), "agieval")
            ]
        return cache[name]

    return solved
