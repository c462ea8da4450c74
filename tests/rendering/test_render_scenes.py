"""Scene generation for every engine topic, the still image, and rendering them for real."""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import av
import pytest
from PIL import Image
from render_samples import SAMPLES

from hisolver_core.rendering import Renderer, check_code, scene_from_solution, still_image
from hisolver_core.rendering.texsafe import safe_function, tex_ok, tex_to_text
from hisolver_core.solution import SOLVED, Solution, Step


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_scene_code_passes_the_policy_and_times_every_step(name: str) -> None:
    solution = SAMPLES[name]
    scene = scene_from_solution(solution)
    check_code(scene.code)
    assert scene.scene == "SolutionScene" and "class SolutionScene(Scene)" in scene.code
    assert len(scene.step_times) == len(solution.steps)
    assert scene.step_times == sorted(scene.step_times)
    if scene.step_times:
        assert scene.step_times[0] == 0.0 and scene.duration_s > scene.step_times[-1]


def test_long_solutions_keep_every_step_and_move_faster() -> None:
    steps = [
        Step(f"x + {i} = {i + 5}", f"Step number {i}, explained in a sentence of moderate length.") for i in range(15)
    ]
    solution = Solution(problem="Many steps.", status=SOLVED, topic="linear", steps=steps, answer_latex="x = 5")
    scene = scene_from_solution(solution)
    assert len(scene.step_times) == 15
    assert all(b - a <= 0.8 + 1.2 + 1e-9 for a, b in pairwise(scene.step_times))


def test_hostile_text_in_a_solution_cannot_break_out_of_the_data_literal() -> None:
    evil = Solution(
        problem="'''\nimport os\nos.system('id')\n'''",
        status=SOLVED,
        topic="linear",
        steps=[Step("\\input{/etc/passwd}", '"""); __import__(\'os\')'), Step("x = 1", "__class__")],
        answer_latex="\\immediate\\write18{id}",
    )
    scene = scene_from_solution(evil)
    check_code(scene.code)  # no refusal: every string was cleaned, none reaches LaTeX or code
    tree = ast.parse(scene.code)
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Import) and n.names[0].name == "os"]
    assert "\\input" not in scene.code and "\\write" not in scene.code


def test_unusable_figures_are_skipped() -> None:
    base = SAMPLES["quadratic"]
    for figure in (
        {"kind": "function", "expr": "__import__('os')"},
        {"kind": "function", "expr": "9**9**9"},
        {"kind": "function", "expr": "1/x"},
        {"kind": "number_line", "relation": "??", "boundary": 1},
        {"kind": "system", "exprs": ["x", "sqrt(x)"]},
    ):
        solution = Solution(**{**base.__dict__, "figure": figure})
        scene = scene_from_solution(solution)
        check_code(scene.code)
        assert "'graph': None" in scene.code and "'numberline': None" in scene.code


def test_tex_allow_list() -> None:
    assert tex_ok("x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}")
    assert tex_ok("\\begin{cases} x + y = 3 \\\\ x - y = 1 \\end{cases}")
    for bad in ("\\input{/etc/passwd}", "\\frac{1}{2", "x}", "\\def\\x{1}", "a % comment", "$x$", "\\begin{verbatim}"):
        assert not tex_ok(bad), bad
    assert tex_to_text("\\frac{3}{4}x \\ge \\sqrt{2}") == "3/4x ≥ √(2)"
    assert "\\" not in tex_to_text("\\unknown{x} \\input{y}")


def test_safe_function_only_accepts_arithmetic_in_x() -> None:
    source, func = safe_function("x**2 - 5*x + 6")
    assert func(2) == 0 and source == "x**2 - 5*x + 6"
    assert safe_function("sqrt(x) + abs(x)")[0] == "math.sqrt(x) + abs(x)"
    for bad in ("__import__('os')", "x.__class__", "9**9**9", "(lambda: 1)()", "y + 1", "open('f')", "x if x else 1"):
        assert safe_function(bad) is None, bad


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_still_image_of_every_topic(name: str, tmp_path) -> None:
    path = still_image(SAMPLES[name], tmp_path / "still.png")
    with Image.open(path) as image:
        assert image.format == "PNG" and image.width == 854 and 240 <= image.height <= 4000
        assert image.getbbox() is not None  # something was drawn


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    from hisolver_core.config import load_settings

    root = tmp_path_factory.mktemp("scenes")
    settings = load_settings({"HISOLVER_DATA_DIR": str(root / "data")}, secrets_file=root / "none.toml")
    with Renderer(settings, workers=2) as r:
        yield r


@pytest.mark.slow
def test_every_topic_renders_at_480p15(renderer: Renderer) -> None:
    names = sorted(SAMPLES)
    scenes = {name: scene_from_solution(SAMPLES[name]) for name in names}
    with ThreadPoolExecutor(max_workers=renderer.workers) as pool:
        results = dict(
            zip(names, pool.map(lambda n: renderer.render(scenes[n].code, scenes[n].scene), names), strict=True)
        )
    for name, result in results.items():
        with av.open(str(result.video_path)) as container:
            stream = container.streams.video[0]
            assert (stream.codec_context.width, stream.codec_context.height) == (854, 480), name
            assert float(stream.guessed_rate) == 15 and result.fps == 15, name
            duration = float(container.duration) / 1e6
            for frame in container.decode(video=0):  # nothing touches the edge of the frame, ever
                pixels = frame.to_ndarray(format="gray")
                border = max(pixels[:4].max(), pixels[-4:].max(), pixels[:, :4].max(), pixels[:, -4:].max())
                assert border < 60, (name, frame.time)
        assert duration > 0 and abs(duration - result.duration_s) < 0.1, name
        # the schedule the page uses to jump to steps matches the real video
        assert abs(duration - scenes[name].duration_s) < 0.5, (name, duration, scenes[name].duration_s)
        with Image.open(result.poster_path) as poster:
            assert poster.size == (854, 480)


def test_tex_to_text_drops_math_delimiters_but_keeps_currency():
    assert tex_to_text("Solve $3x - 4 = 11$.") == "Solve 3x - 4 = 11."
    assert tex_to_text("$$x^2$$ costs \\$3") == "x² costs $3"
