"""The real sandboxed renderer and the test double behave alike through the ``RenderService`` protocol."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from render_doubles import FakeRenderService

from hisolver_core.errors import RenderError
from hisolver_core.rendering import Renderer, RenderResult, RenderService
from hisolver_core.solution import Solution, Step
from hisolver_core.solving import repair_animation

GOOD = "from manim import *\n\nclass SolutionScene(Scene):\n    def construct(self):\n        self.add(Square())\n"
FORBIDDEN = "import os\nfrom manim import *\n\nclass S(Scene):\n    def construct(self):\n        os.system('true')\n"


@contextmanager
def _open(kind: str, settings, folder) -> Iterator[RenderService]:
    if kind == "fake":
        yield FakeRenderService(folder)
    else:
        with Renderer(settings, workers=1, warm=False) as real:
            yield real


@pytest.fixture(params=["fake", "real"])
def any_service(request, settings, tmp_path):
    """Both services, for what needs no Manim run (the real one refuses before rendering)."""
    with _open(request.param, settings, tmp_path / "fake") as service:
        yield service


@pytest.fixture(params=["fake", pytest.param("real", marks=pytest.mark.slow)])
def service(request, settings, tmp_path):
    """Both services, the real one rendering with Manim (slow)."""
    with _open(request.param, settings, tmp_path / "fake") as service:
        yield service


def test_both_satisfy_the_protocol(any_service) -> None:
    assert isinstance(any_service, RenderService)


def test_forbidden_code_is_refused_by_the_policy_before_any_render(any_service) -> None:
    with pytest.raises(RenderError) as info:
        any_service.render(FORBIDDEN, "S")
    assert info.value.kind == "policy" and "'os'" in str(info.value)


def test_the_solve_flow_gets_a_render_result_with_files(service) -> None:
    solution = Solution(
        problem="Solve 2x = 4.",
        status="solved",
        steps=[Step("x = 2", "Divide by 2.")],
        answer_latex="x = 2",
        backend="openai",
        manim_code=GOOD,
    )
    outcome = repair_animation(None, solution, service)
    assert outcome.source == "model" and isinstance(outcome.result, RenderResult)
    assert outcome.result.video_path.is_file() and outcome.result.poster_path.is_file()
    assert (outcome.result.width, outcome.result.height) == (854, 480) and outcome.result.video_key.startswith(
        "renders/"
    )
