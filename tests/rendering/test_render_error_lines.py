"""Render errors name the line of the snippet, never a line inside Manim's own files."""

from __future__ import annotations

import pytest

from hisolver_core.rendering._worker import _user_error

SNIPPET = "/tmp/work/scene.py"


def _raise(code: str, filename: str = SNIPPET) -> BaseException:
    try:
        exec(compile(code, filename, "exec"), {"__name__": "__probe__"})  # trusted test code
    except Exception as exc:  # noqa: BLE001 - the point is to look at it
        return exc
    raise AssertionError("the code did not fail")


def test_an_error_inside_manim_points_at_the_snippet_line() -> None:
    # Scene.play fails deep inside manim/scene/scene.py, a file that also ends in 'scene.py'.
    exc = _raise("from manim import *\nscene = Scene()\n\nscene.play(123)\n")
    assert any(
        f.filename.endswith("manim/scene/scene.py") for f in __import__("traceback").extract_tb(exc.__traceback__)
    )
    assert _user_error(exc, SNIPPET).startswith("line 4: ")


@pytest.mark.parametrize("other", ["/usr/lib/python3/site-packages/manim/scene/scene.py", "/tmp/work/other_scene.py"])
def test_frames_of_other_files_named_scene_py_do_not_count(other: str) -> None:
    exc = _raise("def f():\n    raise ValueError('boom')\nf()\n", other)
    assert _user_error(exc, SNIPPET) == "ValueError: boom"


def test_the_last_snippet_frame_wins() -> None:
    exc = _raise("def helper():\n    return 1 / 0\n\nhelper()\n")
    assert _user_error(exc, SNIPPET) == "line 2: ZeroDivisionError: division by zero"
