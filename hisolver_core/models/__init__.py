"""Model registry: every successful training run becomes a model version with a stage.

Stages: ``candidate`` (registered, not serving), ``production`` (the one the app
and deployments use; at most one), ``archived``. Promotion is always explicit.
"""

from .registry import (
    STAGES,
    ModelNotFound,
    RegistryError,
    archive_model,
    get_model,
    list_models,
    previous_production,
    production_model,
    promote_model,
    register_model,
    update_model_metrics,
)

__all__ = [
    "STAGES",
    "ModelNotFound",
    "RegistryError",
    "archive_model",
    "get_model",
    "list_models",
    "previous_production",
    "production_model",
    "promote_model",
    "register_model",
    "update_model_metrics",
]
