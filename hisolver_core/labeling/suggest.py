"""A suggested draft summary from the configured model backend, when there is one."""

from __future__ import annotations

import importlib
import logging

from ..config import Settings
from ..errors import HiSolverError

__all__ = ["suggest_summary"]

log = logging.getLogger(__name__)


def suggest_summary(settings: Settings, code: str) -> str | None:
    """Return a model's draft summary for ``code``, or None.

    None when no model backend is configured, when the LLM module is not
    installed yet, or when the backend fails (the annotator then writes from
    scratch; a suggestion is a convenience, never a requirement).
    """
    try:
        llm = importlib.import_module("hisolver_core.llm")
    except ImportError:
        return None
    func = getattr(llm, "suggest_summary", None)
    if func is None:
        return None
    try:
        text = func(settings, code)
    except HiSolverError as exc:
        log.warning("no suggested summary: %s", exc)
        return None
    text = (text or "").strip() if isinstance(text, str) else ""
    return text or None
