"""A suggested draft summary from the configured model backend, when there is one."""

from __future__ import annotations

import logging

from ..config import Settings
from ..errors import HiSolverError

__all__ = ["suggest_summary"]

log = logging.getLogger(__name__)


def suggest_summary(settings: Settings, code: str) -> str | None:
    """Return a model's draft summary for ``code``, or None.

    None when no model backend is configured or when the backend fails (the
    annotator then writes from scratch; a suggestion is a convenience, never a
    requirement).
    """
    from ..solving.chain import suggest_summary as first_model_summary  # the chain's backend order and breakers

    try:
        text = first_model_summary(settings, code)
    except HiSolverError as exc:
        log.warning("no suggested summary: %s", exc)
        return None
    text = (text or "").strip() if isinstance(text, str) else ""
    return text or None
