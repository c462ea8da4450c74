"""The repair loop: model code -> sandbox render -> error back to the model (at most N) -> template.

Fast tests use a scripted renderer (the sandbox is a process boundary); the
slow ones use the real sandboxed Manim renderer, and are few.
"""

from __future__ import annotations

import json

import pytest
from llm_stub_servers import Reply
from render_doubles import FakeRenderService

from hisolver_core.errors import RenderError
from hisolver_core.llm import get_backend
from hisolver_core.solution import Solution, Step
from hisolver_core.solving import repair_animation

GOOD = "from manim import *\n\nclass SolutionScene(Scene):\n    def construct(self):\n        self.add(Square())\n"
BROKEN = "from manim import *\n\nclass SolutionScene(Scene):\n    def construct(self):\n        self.add(Sqaure())\n"
FORBIDDEN = (
    "import os\nfrom manim import *\n\nclass SolutionScene(Scene):\n    def construct(self):\n"
    "        os.system('true')\n"
)


def _solution(code: str | None) -> Solution:
    return Solution(
        problem="Solve 2x + 3 = 7 for x.",
        status="solved",
        steps=[Step("2x = 4", "Subtract 3 from both sides."), Step("x = 2", "Divide by 2.")],
        answer_latex="x = 2",
        backend="openai",
        manim_code=code,
    )


def _fix(code: str) -> str:
    return json.dumps({"manim_code": code})


SQAURE_LOG = "Traceback (most recent call last):\n  File \"scene.py\", line 5\nNameError: name 'Sqaure' is not defined"


@pytest.fixture
def scripted(tmp_path):
    """Stands in for the sandbox: 'import os' fails the real policy check, 'Sqaure' fails like Manim would."""
    sqaure = RenderError("manim", "NameError: name 'Sqaure' is not defined", SQAURE_LOG)
    return FakeRenderService(tmp_path / "renders", fail_when={"Sqaure": sqaure})


@pytest.fixture
def backend(openai_settings):
    return get_backend(openai_settings, "openai")


def test_code_that_renders_is_kept(backend, openai_stub, scripted):
    outcome = repair_animation(backend, _solution(GOOD), scripted)
    assert outcome.source == "model" and outcome.repairs == 0 and outcome.solution.manim_code == GOOD
    assert openai_stub.requests == []


def test_failing_code_is_repaired_with_the_error_tail(backend, openai_stub, scripted):
    openai_stub.push(_fix(GOOD))
    outcome = repair_animation(backend, _solution(BROKEN), scripted)
    assert outcome.source == "repaired" and outcome.repairs == 1 and len(scripted.rendered) == 2
    assert outcome.result is not None and outcome.result.video_path.is_file()
    assert outcome.solution.manim_code.strip() == GOOD.strip()
    sent = openai_stub.requests[0]["body"]
    assert sent["response_format"]["json_schema"]["schema"]["required"] == ["manim_code"]
    assert "NameError: name 'Sqaure' is not defined" in sent["messages"][1]["content"]


def test_repairs_are_bounded_then_the_template_replaces_the_code(backend, openai_stub, scripted):
    openai_stub.push(_fix(BROKEN), _fix(FORBIDDEN), _fix(GOOD))
    outcome = repair_animation(backend, _solution(BROKEN), scripted, max_repairs=2)
    assert outcome.repairs == 2 and len(openai_stub.requests) == 2
    assert outcome.source == "template" and "SolutionScene" in outcome.solution.manim_code
    assert outcome.solution.manim_code not in (BROKEN, FORBIDDEN)
    assert any("not allowed" in e for e in outcome.errors)
    assert any("did not render after 2 repair(s)" in n for n in outcome.solution.notes)
    assert scripted.calls[-1]["trusted"] is True  # only the template is trusted, never the model's code
    assert not any(call["trusted"] for call in scripted.calls[:-1])


def test_a_failing_repair_request_goes_to_the_template(backend, openai_stub, scripted):
    openai_stub.push(Reply(status=500))
    outcome = repair_animation(backend, _solution(BROKEN), scripted)
    assert outcome.source == "template" and outcome.repairs == 0
    assert any(e.startswith("repair:") for e in outcome.errors)


@pytest.mark.parametrize("code", [None, BROKEN])
def test_builtin_or_missing_code_goes_straight_to_the_template(code, scripted):
    outcome = repair_animation(None, _solution(code), scripted)
    assert outcome.source == "template" and len(scripted.rendered) == (2 if code else 1)


def test_nothing_renders_reports_none(tmp_path):
    broken = FakeRenderService(tmp_path, fail_when={"": RenderError("internal", "sandbox unavailable")})
    outcome = repair_animation(None, _solution(GOOD), broken)
    assert outcome.source == "none" and outcome.result is None and "sandbox unavailable" in outcome.error


# ---------------------------------------------------------------- the real sandbox


@pytest.fixture
def renderer(settings):
    from hisolver_core.rendering import Renderer

    with Renderer(settings, workers=1, warm=False) as r:
        yield r


@pytest.mark.slow
def test_real_render_failure_is_repaired(backend, openai_stub, renderer):
    openai_stub.push(_fix(GOOD))
    outcome = repair_animation(backend, _solution(BROKEN), renderer)
    assert outcome.source == "repaired" and outcome.result.video_path.is_file()
    assert "Sqaure" in openai_stub.requests[0]["body"]["messages"][1]["content"]


@pytest.mark.slow
def test_real_code_that_never_renders_falls_back_to_the_template(backend, openai_stub, renderer):
    openai_stub.default = Reply(_fix(FORBIDDEN))
    outcome = repair_animation(backend, _solution(BROKEN), renderer, max_repairs=1)
    assert outcome.source == "template" and outcome.repairs == 1
    assert outcome.result.video_path.is_file() and outcome.result.duration_s > 0
