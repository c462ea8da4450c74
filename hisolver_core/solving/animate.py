"""Turn a solution (or code a student edited) into a video, never into a stack trace.

Order: code the student edited -> the animator model's code when
``HISOLVER_ANIMATOR`` names one (see :mod:`.animator`), else the solving model's own Manim code,
through the repair loop -> the template scene built from the steps. Every render goes
through the sandboxed renderer; when none succeeds the student gets a still
image of the steps and the reason. The template scene renders in chapters
(step 1 first) and reports each to a :class:`ChapterProgress`, so the page can
play step 1 while the rest renders.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import HiSolverError, RenderError
from ..rendering.chapters import Chapter, ChapterProgress
from ..solution import Solution

if TYPE_CHECKING:
    from ..rendering import RenderResult, RenderService

__all__ = ["Animation", "animate", "ChapterProgress", "Chapter", "CHAPTERS"]

CHAPTERS = 3  # step 1, then the rest in two parts: one per render slot on a 2-core machine

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
    chapters: list[Chapter] = field(default_factory=list)
    source: str = "template"  # template | model | repaired | edited | none
    error: str = ""
    cached: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when a video was rendered."""
        return self.video_path is not None


def _from_result(anim: Animation, result: RenderResult) -> Animation:
    anim.video_path = Path(result.video_path)
    anim.poster_path = Path(result.poster_path) if result.poster_path else None
    anim.cached = bool(result.cached)
    return anim


def _still(settings: Settings, solution: Solution, anim: Animation) -> Animation:
    from ..rendering import still_image

    folder = settings.data_dir / "stills"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        # a content hash (Python's hash() is salted per process): the same steps reuse the same picture
        digest = hashlib.sha256(solution.to_json().encode()).hexdigest()[:24]
        anim.still_path = still_image(solution, folder / f"still-{digest}.png")
    except Exception as exc:  # the still is the last resort: log it, keep the steps on screen
        log.warning("still image failed: %s", exc)
    return anim


class _ForClient:
    """The renderer with ``client`` filled in, for the repair loop (which renders without naming one)."""

    def __init__(self, renderer: RenderService, client: str) -> None:
        self._renderer, self._client = renderer, client

    def render(
        self, code: str, scene: str | None = None, quality: str = "low", *, client: str = "", trusted: bool = False
    ) -> RenderResult:
        return self._renderer.render(code, scene=scene, quality=quality, client=client or self._client, trusted=trusted)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._renderer, name)


def _model_animation(
    settings: Settings, renderer: RenderService, solution: Solution, quality: str, client: str
) -> Animation:
    from ..llm import get_backend
    from .repair import repair_animation

    try:
        backend = get_backend(settings, solution.backend)
    except HiSolverError:
        backend = None  # no model to ask for repairs: render as given, then the template
    outcome = repair_animation(backend, solution, _ForClient(renderer, client), settings.max_repairs, quality=quality)
    anim = Animation(code=outcome.solution.manim_code or "", source=outcome.source, error=outcome.error)
    if outcome.source == "template":
        from ..rendering import scene_from_solution

        scene = scene_from_solution(solution)
        anim.step_times, anim.scene = scene.step_times, scene.scene
    if outcome.result is not None:
        _from_result(anim, outcome.result)
    return anim


def _template(
    renderer: RenderService, solution: Solution, quality: str, client: str, progress: ChapterProgress, chapters: int
) -> Animation:
    from ..rendering import scene_from_solution
    from ..rendering.chapters import render_in_chapters

    scene = scene_from_solution(solution, chapters=chapters)
    anim = Animation(code=scene.code, scene=scene.scene, step_times=list(scene.step_times), source="template")
    if scene.chapters and getattr(renderer, "cache", None) is not None:
        try:
            _from_result(anim, render_in_chapters(renderer, scene, quality, client=client, progress=progress))
        except RenderError as exc:
            anim.error = str(exc)
        anim.chapters = progress.chapters()
    return anim


def _animate(
    settings: Settings,
    renderer: RenderService,
    solution: Solution,
    code: str | None,
    quality: str,
    client: str,
    progress: ChapterProgress,
    chapters: int,
) -> Animation:
    from ..rendering.scenes import step_times_from_code
    from .animator import animator_solution

    if code is not None:
        # a comment or a caption changed: the steps still start where they did
        anim = Animation(code=code, source="edited", step_times=step_times_from_code(code))
    elif (by_animator := animator_solution(settings, solution)) is not None:  # HISOLVER_ANIMATOR names a model
        anim = _model_animation(settings, renderer, by_animator, quality, client)
    elif solution.manim_code and solution.backend != "builtin":
        anim = _model_animation(settings, renderer, solution, quality, client)
    else:
        anim = _template(renderer, solution, quality, client, progress, chapters)
    if anim.video_path is None and not anim.error:
        try:
            trusted = anim.source == "template"  # generated here from the steps, not typed or model-written
            _from_result(
                anim, renderer.render(anim.code, scene=anim.scene, quality=quality, client=client, trusted=trusted)
            )
        except RenderError as exc:
            anim.error = str(exc)
    return anim


def animate(
    settings: Settings,
    renderer: RenderService,
    solution: Solution,
    code: str | None = None,
    quality: str = "low",
    *,
    client: str = "",
    progress: ChapterProgress | None = None,
    chapters: int = CHAPTERS,
) -> Animation:
    """Render an animation for ``solution``; return an :class:`Animation` (never raises).

    ``code`` is Manim code a student edited (rendered through the same
    sandbox). Without it, a model's own code goes through the repair loop and
    the built-in engine's solutions use the template scene, rendered in up to
    ``chapters`` parts whose clips are reported to ``progress`` as they finish.
    ``client`` (a session id) shares the render queue fairly between students.
    """
    started = time.perf_counter()
    progress = progress or ChapterProgress()
    try:
        anim = _animate(settings, renderer, solution, code, quality, client, progress, chapters)
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
