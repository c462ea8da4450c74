"""The backend registry: a name from ``HISOLVER_BACKENDS`` -> a configured :class:`Backend`.

Implementations are imported on first use, so a missing optional package
(openai, google-cloud-aiplatform, torch) only disables its own backend. ``local`` and ``vertex``
use the active deployment (see :func:`hisolver_core.deployment.deployed_settings`) when their
model or endpoint is not set.
"""

from __future__ import annotations

import importlib

from ..config import Settings
from ..errors import ConfigError
from .base import Backend

__all__ = ["BACKENDS", "get_backend"]

# name -> "module:class" (relative to this package), imported on first use
BACKENDS: dict[str, str] = {
    "local": "local_backend:LocalBackend",
    "openai": "openai_backend:OpenAIBackend",
    "vertex": "vertex_backend:VertexBackend",
    "builtin": "builtin:BuiltinBackend",
}


def get_backend(settings: Settings, name: str) -> Backend:
    """Return the backend called ``name`` built from ``settings``.

    Raises :class:`ConfigError` for an unknown name and
    :class:`BackendUnavailable` when it is not configured.
    """
    key = name.strip().lower()
    target = BACKENDS.get(key)
    if target is None:
        raise ConfigError(f"unknown backend {name!r}: choose from {', '.join(BACKENDS)}")
    if key in ("local", "vertex"):
        from ..deployment.local import deployed_settings

        settings = deployed_settings(settings)  # a model deployed from the Deploy page, unless settings name one
    module_name, cls_name = target.split(":")
    module = importlib.import_module(f"{__package__}.{module_name}")
    return getattr(module, cls_name)(settings)
