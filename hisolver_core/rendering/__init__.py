"""Animations: Manim scenes from a ``Solution`` and a sandboxed, cached render service.

Public surface:

- :func:`check_code` - the static safety check (raises ``RenderError("policy", ...)``);
- :class:`RenderService` - the interface: ``render(code, scene=None, quality="low") -> RenderResult``;
- :class:`Renderer` - its implementation: thread-safe, cached in the blob store under
  ``renders/``, sandboxed;
- :func:`scene_from_solution` - Manim code for a ``Solution`` plus step start times;
- :func:`still_image` - a PNG of the steps, for when a render fails.

What the Solve page calls (template or model code, repair, still fallback) is
:func:`hisolver_core.solving.animate`.
"""

from __future__ import annotations

from ..errors import RenderError
from .cache import RenderResult
from .policy import check_code, find_scenes
from .renderer import Renderer
from .scenes import SceneCode, scene_from_solution
from .service import RenderService
from .still import still_image

__all__ = [
    "RenderError",
    "RenderResult",
    "RenderService",
    "Renderer",
    "SceneCode",
    "check_code",
    "find_scenes",
    "scene_from_solution",
    "still_image",
]
