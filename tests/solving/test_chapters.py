"""Chapters: step 1 renders alone and plays first; the chapters joined are the full video."""

from __future__ import annotations

import av
import pytest

from hisolver_core.mathengine import solve
from hisolver_core.rendering import check_code, scene_from_solution
from hisolver_core.rendering.chapters import ChapterProgress, join_videos
from hisolver_core.rendering.scenes import step_times_from_code
from hisolver_core.solution import SOLVED, Solution, Step
from hisolver_core.solving import animate


def _solution(steps: int) -> Solution:
    return Solution(
        problem="Many steps.",
        status=SOLVED,
        topic="linear",
        answer_latex="x = 5",
        steps=[Step(f"x + {i} = {i + 5}", f"Subtract {i} from both sides.") for i in range(steps)],
    )


@pytest.mark.parametrize("steps", [2, 3, 4, 9])
def test_chapters_cover_every_step_once_step_1_alone(steps: int) -> None:
    scene = scene_from_solution(_solution(steps))
    spans = [(c.first, c.stop) for c in scene.chapters]
    assert spans[0] == (0, 1) and len(spans) <= 3
    assert [i for lo, hi in spans for i in range(lo, hi)] == list(range(steps))
    assert [c.tail for c in scene.chapters] == [False] * (len(spans) - 1) + [True]
    assert [c.start_s for c in scene.chapters] == [scene.step_times[lo] for lo, _ in spans]
    for chapter in scene.chapters:
        check_code(chapter.code)  # each chapter goes through the same policy check


def test_a_one_step_solution_renders_whole() -> None:
    assert scene_from_solution(_solution(1)).chapters == []
    assert scene_from_solution(_solution(5), chapters=1).chapters == []


def test_every_step_starts_on_a_whole_second() -> None:
    # st.video seeks by whole seconds: a step starting at 8.6 s was shown from 8 s, inside step 3
    for steps in (3, 12):
        times = scene_from_solution(_solution(steps)).step_times
        assert all(float(t).is_integer() for t in times), times


def test_chapter_titles() -> None:
    titles = [c.title for c in scene_from_solution(_solution(5)).chapters]
    assert titles == ["Step 1", "Steps 2-3", "Steps 4-5 and the answer"]


def test_step_times_survive_comment_and_caption_edits_but_not_body_changes() -> None:
    scene = scene_from_solution(_solution(4))
    assert step_times_from_code(scene.code) == scene.step_times
    edited = "# my notes\n" + scene.code.replace("Subtract 1 from both sides.", "Take away 1.")
    assert step_times_from_code(edited) == scene.step_times
    assert step_times_from_code(scene.code.replace("run_time=1.0", "run_time=2.0")) == []
    assert step_times_from_code("from manim import *\nclass S(Scene):\n    pass\n") == []
    assert step_times_from_code("DATA = (") == []


def test_join_refuses_what_is_not_video(tmp_path) -> None:
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video")
    with pytest.raises(Exception, match="could not be joined"):
        join_videos([bad, bad])


@pytest.mark.slow
def test_step_1_is_playable_before_the_full_video(settings, renderer) -> None:
    solution = solve("Solve 4x + 1 = 9.")
    progress = ChapterProgress()
    anim = animate(settings, renderer, solution, progress=progress, client="student-1")
    assert anim.ok and not anim.error, anim.error
    assert len(anim.chapters) == 3 and all(c.ready for c in anim.chapters)
    assert progress.first_ready_s is not None and progress.first_ready_s < anim.seconds
    clip = anim.chapters[0].video_path
    assert clip != anim.video_path
    with av.open(str(clip)) as first, av.open(str(anim.video_path)) as full:
        first_s = first.duration / 1e6
        full_s = full.duration / 1e6
    assert first_s == pytest.approx(anim.step_times[1], abs=0.05)  # step 1 alone, exactly its length
    assert full_s == pytest.approx(scene_from_solution(solution).duration_s, abs=0.2)
    again = animate(settings, renderer, solution)  # the joined video went into the render cache
    assert again.cached and again.video_path == anim.video_path


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    from hisolver_core.config import load_settings
    from hisolver_core.rendering import Renderer

    data = tmp_path_factory.mktemp("chapters")
    with Renderer(load_settings({"HISOLVER_DATA_DIR": str(data)}, secrets_file=data / "none.toml"), workers=2) as r:
        yield r
