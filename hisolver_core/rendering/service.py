"""The render service interface: what the solve flow and render-check need from a renderer.

:class:`~hisolver_core.rendering.Renderer` (sandboxed, cached) is the one real
implementation; test doubles implement the same method and return real
:class:`RenderResult` objects, so code typed against :class:`RenderService`
cannot tell them apart.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .cache import RenderResult

__all__ = ["RenderService"]


@runtime_checkable
class RenderService(Protocol):
    """Anything that turns Manim code into a video: one method."""

    def render(
        self, code: str, scene: str | None = None, quality: str = "low", *, client: str = "", trusted: bool = False
    ) -> RenderResult:
        """Render ``scene`` (the only scene when None) from ``code`` at ``quality`` (low, medium, high).

        ``client`` groups requests for fair queueing; ``trusted`` marks code the
        library generated itself. Returns a :class:`RenderResult`; raises
        :class:`~hisolver_core.errors.RenderError` (kind policy, timeout,
        memory, manim, output or internal).
        """
        ...
