"""Solver backends: one small interface, a lazy registry, and its implementations.

``get_backend(settings, name)`` builds ``local``, ``openai``, ``vertex`` or
``builtin`` (the math engine behind the same interface); implementations are
imported lazily, so importing this package stays cheap and a missing optional
package only disables its backend. The solve flow that strings backends
together (fallback chain, verification, repair) lives in
:mod:`hisolver_core.solving`.

Kept here: ``base`` (the interface and its errors), ``registry``, ``breaker``
(per-backend health, keyed by the backend), ``prompting`` (the prompt and reply
parsing every model backend shares) and one module per backend.
"""

from __future__ import annotations

from .base import Backend, BackendError, BackendUnavailable, ModelBackend
from .breaker import reset_breakers
from .registry import BACKENDS, get_backend

__all__ = [
    "Backend",
    "ModelBackend",
    "BackendError",
    "BackendUnavailable",
    "BACKENDS",
    "get_backend",
    "reset_breakers",
]
