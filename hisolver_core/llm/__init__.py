"""LLM backends and the fallback chain.

``solve_with_chain(settings, problem, options, only=None)`` is what the Solve
page, ``hisolver solve --backend`` and ``hisolver eval --backend`` call.
Backends (``local``, ``openai``, ``vertex``, ``builtin``) are imported lazily,
so importing this package stays cheap and a missing optional package only
disables its backend.
"""

from __future__ import annotations

from .base import Backend, BackendError, BackendUnavailable, ModelBackend
from .breaker import reset_breakers
from .chain import BACKENDS, get_backend, solve_with_chain, suggest_summary
from .repair import RepairOutcome, repair_animation
from .verify import CONTRADICTED, UNVERIFIED, VERIFIED, verify_solution

__all__ = [
    "Backend",
    "ModelBackend",
    "BackendError",
    "BackendUnavailable",
    "BACKENDS",
    "get_backend",
    "solve_with_chain",
    "suggest_summary",
    "repair_animation",
    "RepairOutcome",
    "verify_solution",
    "reset_breakers",
    "VERIFIED",
    "UNVERIFIED",
    "CONTRADICTED",
]
