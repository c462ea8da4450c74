"""Animations for solutions: template video, edited code, and the still-image fallback."""

from __future__ import annotations

import dataclasses

import pytest
from render_doubles import FakeRenderService

from hisolver_core.mathengine import solve
from hisolver_core.rendering import Renderer
from hisolver_core.solving import animate


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    from hisolver_core.config import load_settings

    data = tmp_path_factory.mktemp("anim")
    with Renderer(load_settings({"HISOLVER_DATA_DIR": str(data)}, secrets_file=data / "none.toml"), workers=2) as r:
        yield r


@pytest.fixture
def solution():
    s = solve("Solve 4x + 1 = 9.")
    assert s.solved
    return s


@pytest.mark.slow
def test_template_video_with_step_times(settings, renderer, solution):
    anim = animate(settings, renderer, solution)
    assert anim.ok and anim.video_path.stat().st_size > 1000
    assert anim.source == "template" and anim.still_path is None
    assert len(anim.step_times) == len(solution.steps) and anim.step_times == sorted(anim.step_times)
    again = animate(settings, renderer, solution)
    assert again.cached and again.seconds < 1


@pytest.mark.slow
def test_edited_code_that_fails_gets_a_still_and_a_reason(settings, renderer, solution):
    broken = "from manim import *\nclass S(Scene):\n    def construct(self):\n        self.play(Write(Circl()))\n"
    anim = animate(settings, renderer, solution, code=broken)
    assert not anim.ok and anim.source == "edited"
    assert "line 4" in anim.error and "Circl" in anim.error and "Traceback" not in anim.error
    assert anim.still_path and anim.still_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_broken_model_code_falls_back_to_the_template_video(settings, renderer, solution):
    # moved from the deleted rendering.render_solution: the model's own code first, the template after it
    broken = (
        "from manim import *\nclass ModelScene(Scene):\n    def construct(self):\n        raise ValueError('oops')\n"
    )
    from_model = dataclasses.replace(solution, backend="openai", manim_code=broken)  # openai is not configured here
    anim = animate(settings, renderer, from_model)
    assert anim.ok and anim.source == "template" and anim.still_path is None
    assert anim.scene == "SolutionScene" and len(anim.step_times) == len(solution.steps)
    assert "ValueError" in anim.error or "oops" in anim.error  # the model code's failure is kept for the page


@pytest.mark.slow
def test_every_render_failing_gives_a_still_and_the_reason(settings, renderer, solution):
    slow = Renderer(renderer.settings.replace(render_timeout_s=0.3), renderer.blobs, workers=1, warm=False)
    fresh = dataclasses.replace(solution, problem="Solve 4x + 1 = 9 once more.")  # not in the render cache
    with slow:
        anim = animate(settings, slow, fresh)
    assert not anim.ok and anim.source == "none" and "took longer than" in anim.error
    assert anim.still_path and anim.still_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_edited_code_refused_by_policy(settings, renderer, solution):
    anim = animate(settings, renderer, solution, code="import os\nos.system('touch /tmp/pwned')\n")
    assert not anim.ok and "safety check" in anim.error
    assert anim.still_path and anim.still_path.exists()


def test_an_internal_error_costs_the_video_not_the_page(settings, solution, tmp_path):
    exploding = FakeRenderService(tmp_path, fail_when={"": RuntimeError("boom")})  # a bug, not a render error
    anim = animate(settings, exploding, solution)
    assert not anim.ok and anim.source == "none"
    assert "internal error" in anim.error and "boom" not in anim.error
    assert anim.still_path and anim.still_path.exists()
