"""Animations: Manim scenes from a ``Solution`` and a sandboxed, cached render service.

Public surface:

- :func:`check_code` - the static safety check (raises ``RenderError("policy", ...)``);
- :class:`Renderer` - ``render(code, scene=None, quality="low") -> RenderResult``;
  thread-safe, cached in the blob store under ``renders/``, sandboxed;
- :func:`scene_from_solution` - Manim code for a ``Solution`` plus step start times;
- :func:`still_image` - a PNG of the steps, for when a render fails;
- :func:`render_solution` - the Solve page's one call: scene, render, fallback still.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import NamedTuple

from ..errors import RenderError
from ..solution import Solution
from .cache import RenderResult
from .policy import check_code, find_scenes
from .renderer import Renderer
from .scenes import SceneCode, scene_from_solution
from .still import still_image

__all__ = ["RenderError", "RenderResult", "Renderer", "SceneCode", "SolutionRender", "check_code",
           "render_solution", "scene_from_solution", "still_image"]

log = logging.getLogger(__name__)


class SolutionRender(NamedTuple):
    """What :func:`render_solution` returns; unpacks as ``result, scene, error, still``."""

    result: RenderResult | None  # the video, or None when every render failed
    scene: SceneCode  # the code that was rendered (or tried last); step_times for the page
    error: RenderError | None  # the last render error, when there was one
    still: Path | None  # a PNG of the steps, only when there is no video


def render_solution(renderer: Renderer, solution: Solution, *, quality: str = "low", client: str = "",
                    use_model_code: bool = True) -> SolutionRender:
    """Render ``solution``: its own ``manim_code`` first (when set), else or then the built-in scene.

    Never raises :class:`RenderError`: on failure the result is None, ``error``
    says why, and ``still`` is a PNG of the steps (in ``data_dir/cache/stills``).
    """
    attempts: list[SceneCode] = []
    if use_model_code and solution.manim_code:
        names = find_scenes(solution.manim_code)
        if len(names) == 1:
            attempts.append(SceneCode(code=solution.manim_code, scene=names[0]))
    template = scene_from_solution(solution)
    attempts.append(template)
    error: RenderError | None = None
    for scene in attempts:
        try:
            result = renderer.render(scene.code, scene.scene, quality, client=client, trusted=scene is template)
            return SolutionRender(result, scene, None, None)
        except RenderError as exc:
            log.warning("render of %s failed (%s): %s", scene.scene, exc.kind, exc)
            error = exc
    digest = hashlib.sha256(solution.to_json().encode()).hexdigest()[:24]
    still = still_image(solution, Path(renderer.settings.data_dir) / "cache" / "stills" / f"{digest}.png")
    return SolutionRender(None, template, error, still)
