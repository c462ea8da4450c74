"""Repair loop for a model's Manim code: render, send the error back, at most N times, then a template.

The code only ever runs inside the renderer's sandbox. Called by the Solve page
after the steps are on screen, so a slow repair never delays the answer.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import RenderError
from ..llm.base import Backend, BackendError
from ..solution import Solution

if TYPE_CHECKING:
    from ..rendering import RenderResult, RenderService

__all__ = ["RepairOutcome", "repair_animation", "error_tail"]

log = logging.getLogger(__name__)

TAIL_LINES = 20
TAIL_CHARS = 2000


@dataclass
class RepairOutcome:
    """The animation that came out of the loop.

    ``source`` is ``model`` (rendered as given), ``repaired`` (after model
    repairs), ``template`` (the template scene from the steps) or ``none``
    (nothing rendered; ``error`` says why, for a still-image fallback).
    """

    solution: Solution  # a copy whose manim_code is the code that rendered
    result: RenderResult | None  # None when nothing rendered
    source: str
    repairs: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def error(self) -> str:
        """The last render error, or an empty string."""
        return self.errors[-1] if self.errors else ""


def error_tail(exc: RenderError) -> str:
    """Return the last lines of a render error (what goes back to the model)."""
    text = (exc.log or "").strip() or str(exc)
    lines = [ln for ln in text.splitlines() if ln.strip()][-TAIL_LINES:]
    tail = "\n".join(lines)[-TAIL_CHARS:]
    return f"[{exc.kind}] {exc}\n{tail}" if str(exc) not in tail else f"[{exc.kind}] {tail}"


def _template(solution: Solution, renderer: RenderService, quality: str, outcome: RepairOutcome) -> RepairOutcome:
    from ..rendering import scene_from_solution

    try:
        scene = scene_from_solution(solution)
        outcome.result = renderer.render(scene.code, scene=scene.scene, quality=quality, trusted=True)
    except RenderError as exc:
        log.warning("template scene failed to render: %s", exc)
        outcome.errors.append(f"template: {exc}")
        outcome.source = "none"
        return outcome
    outcome.solution.manim_code = scene.code
    outcome.source = "template"
    return outcome


def repair_animation(
    backend: Backend | None, solution: Solution, renderer: RenderService, max_repairs: int = 2, *, quality: str = "low"
) -> RepairOutcome:
    """Render ``solution.manim_code``, asking ``backend`` to fix it up to ``max_repairs`` times.

    When the code is missing, the backend cannot repair (built-in, None), or
    the repairs run out, the template scene from the steps replaces it.
    Returns a :class:`RepairOutcome`; never raises for render or model failures.
    """
    sol = dataclasses.replace(solution, notes=list(solution.notes))
    outcome = RepairOutcome(solution=sol, result=None, source="none")
    code = solution.manim_code
    can_repair = backend is not None and getattr(backend, "is_model", False)
    while code:
        try:
            # the renderer runs the static policy check first; its refusals go back like any error
            outcome.result = renderer.render(code, scene=None, quality=quality)
            sol.manim_code = code
            outcome.source = "repaired" if outcome.repairs else "model"
            return outcome
        except RenderError as exc:
            outcome.errors.append(str(exc))
            log.info("model scene failed to render (%s): %s", exc.kind, exc)
            if not can_repair or outcome.repairs >= max_repairs:
                break
            try:
                code = backend.repair_code(sol, code, error_tail(exc))  # type: ignore[union-attr]
            except BackendError as berr:
                outcome.errors.append(f"repair: {berr}")
                break
            outcome.repairs += 1
    if solution.manim_code:
        sol.notes.append(
            f"the model's animation did not render after {outcome.repairs} repair(s); showing a template animation"
        )
    return _template(sol, renderer, quality, outcome)
