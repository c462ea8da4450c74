"""The smoke test run after every deploy: one prediction through the deployed model's backend."""

from __future__ import annotations

import logging
import time
from typing import Any

from ..errors import HiSolverError

__all__ = ["SMOKE_PROMPT", "smoke_test"]

log = logging.getLogger(__name__)

SMOKE_PROMPT = "Animate a blue circle that grows and turns into a square."


def smoke_test(backend: Any, prompt: str = SMOKE_PROMPT) -> tuple[bool, str]:
    """Ask ``backend`` (a ModelBackend) for Manim code once; return ``(passed, detail)``.

    Passes when the model answers with any text within its timeout (the tiny test models write
    nonsense; whether the code renders is what the Deploy page's smoke box shows). Never raises.
    """
    from ..solving.animator import scene_messages

    started = time.monotonic()
    try:
        text = backend.complete(scene_messages(prompt))
    except HiSolverError as exc:
        return False, f"failed after {time.monotonic() - started:.1f} s: {exc}"
    except Exception as exc:  # a client-library bug: the deploy is still judged, not crashed
        log.exception("smoke test raised")
        return False, f"failed: {type(exc).__name__}"
    seconds = time.monotonic() - started
    shown = text.strip()[:300] or "(an empty reply: the model stopped at once)"
    return True, f"answered in {seconds:.1f} s: {shown}"
