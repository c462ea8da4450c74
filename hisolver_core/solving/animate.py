"""Turn a solution (or code a student edited) into a video, never into a stack trace.

Order: code the student edited -> the model's own Manim code through the
repair loop -> the template scene built from the steps. Every render goes
through the sandboxed renderer; when none succeeds the student gets a still
image of the steps and the reason.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import HiSolverError, RenderError
from ..solution import Solution

__all__ = ["Animation", "animate"]

log = logging.getLogger(__name__)


@dataclass
class Animation:
    """What the student gets to watch (or look at) for one solution."""

    code: str = ""
    scene: str | None = None
    video_path: Path | None = None
    poster_path: Path | None = None
    still_path: Path | None = None
    step_times: list[float] = field(default_factory=list)
    source: str = "template"  # template | model | repaired | edited | none
    error: str = ""
    cached: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when a video was rendered."""
        return self.video_path is not None


def _from_result(anim: Animation, result: Any) -> Animation:
    anim.video_path = Path(result.video_path)
    anim.poster_path = Path(result.poster_path) if result.poster_path else None
    anim.cached = bool(result.cached)
    return anim


def _still(settings: Settings, solution: Solution, anim: Animation) -> Animation:
    from ..rendering import still_image

    folder = settings.data_dir / "stills"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        anim.still_path = still_image(solution, folder / f"still-{abs(hash(solution.to_json()))}.png")
    except Exception as exc:  # the still is the last resort: log it, keep the steps on screen
        log.warning("still image failed: %s", exc)
    return anim


def _model_animation(settings: Settings, renderer: Any, solution: Solution, quality: str) -> Animation:
    from ..llm import get_backend
    from .repair import repair_animation

    try:
        backend = get_backend(settings, solution.backend)
    except HiSolverError:
        backend = None  # no model to ask for repairs: render as given, then the template
    outcome = repair_animation(backend, solution, renderer, settings.max_repairs, quality=quality)
    anim = Animation(code=outcome.solution.manim_code or "", source=outcome.source, error=outcome.error)
    if outcome.source == "template":
        from ..rendering import scene_from_solution

        scene = scene_from_solution(solution)
        anim.step_times, anim.scene = scene.step_times, scene.scene
    if outcome.result is not None:
        _from_result(anim, outcome.result)
    return anim


def _animate(settings: Settings, renderer: Any, solution: Solution, code: str | None, quality: str) -> Animation:
    from ..rendering import scene_from_solution

    if code is not None:
        anim = Animation(code=code, source="edited")
    elif solution.manim_code and solution.backend != "builtin":
        anim = _model_animation(settings, renderer, solution, quality)
    else:
        scene = scene_from_solution(solution)
        anim = Animation(code=scene.code, scene=scene.scene, step_times=list(scene.step_times), source="template")
    if anim.video_path is None and not anim.error:
        try:
            trusted = anim.source == "template"  # generated here from the steps, not typed or model-written
            _from_result(anim, renderer.render(anim.code, scene=anim.scene, quality=quality, trusted=trusted))
        except RenderError as exc:
            anim.error = str(exc)
    return anim


def animate(
    settings: Settings, renderer: Any, solution: Solution, code: str | None = None, quality: str = "low"
) -> Animation:
    """Render an animation for ``solution``; return an :class:`Animation` (never raises).

    ``code`` is Manim code a student edited (rendered through the same
    sandbox). Without it, a model's own code goes through the repair loop and
    the built-in engine's solutions use the template scene.
    """
    started = time.perf_counter()
    try:
        anim = _animate(settings, renderer, solution, code, quality)
    except HiSolverError as exc:  # e.g. the model backend's repair call failed outright
        anim = Animation(code=code or "", source="none", error=str(exc))
    except Exception:  # a bug must cost the student the video, never the page
        log.exception("animation failed unexpectedly")
        anim = Animation(code=code or "", source="none", error="the animation could not be built (an internal error)")
    if anim.video_path is None:
        if code is None:
            anim.source = "none"
        _still(settings, solution, anim)
    anim.seconds = time.perf_counter() - started
    return anim
