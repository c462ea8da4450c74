"""The deploy gate of part 2, and the small commands the pipelines add (export, deploy).

A new model is deployed only when its ``render_success`` (measured by the
evaluation at the end of training) beats the production model's by more than
``HISOLVER_PIPELINE_DEPLOY_MARGIN``; with no production model it is deployed.
The decision and its reason are returned either way, so the run records why.
"""

from __future__ import annotations

import logging
from contextlib import closing
from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

from .. import models
from ..config import Settings
from ..db import open_db
from .steps import PipelineError

log = logging.getLogger(__name__)

__all__ = ["DEPLOY_TARGETS", "Decision", "decide", "deploy_if_better", "newest_model_of", "export_processed"]


@dataclass(frozen=True)
class Decision:
    """Whether to deploy ``model``, why, and the scores compared."""

    model: str
    decision: str  # deploy | keep
    reason: str
    new_score: float | None
    production: str | None
    production_score: float | None
    margin: float

    @property
    def deploy(self) -> bool:
        """True when the gate lets the model through."""
        return self.decision == "deploy"


def _score(model: dict[str, Any]) -> float | None:
    value = (model.get("metrics") or {}).get("render_success")
    return float(value) if isinstance(value, (int, float)) else None


def decide(db: Database, model_name: str, margin: float) -> Decision:
    """Return the gate's decision for registered model ``model_name``.

    Raises :class:`ModelNotFound` when no model has that name.
    """
    new = models.get_model(db, model_name)
    new_score = _score(new)
    prod = models.production_model(db)
    prod_name = prod["name"] if prod else None
    prod_score = _score(prod) if prod else None

    def verdict(decision: str, reason: str) -> Decision:
        return Decision(model_name, decision, reason, new_score, prod_name, prod_score, margin)

    if new_score is None:
        return verdict("keep", f"{model_name} has no render_success metric (its evaluation did not run): not deployed")
    if prod is None:
        return verdict("deploy", f"no production model yet: {model_name} (render success {new_score:.1%}) is deployed")
    if prod_name == model_name:
        return verdict("keep", f"{model_name} is already the production model")
    if prod_score is None:
        return verdict(
            "deploy",
            f"production model {prod_name} has no render_success metric; {model_name} ({new_score:.1%}) replaces it",
        )
    gain = new_score - prod_score
    compared = (
        f"render success {new_score:.1%} vs production {prod_name}'s {prod_score:.1%} "
        f"({gain:+.1%}, margin {margin:.1%})"
    )
    if gain > margin:
        return verdict("deploy", f"{compared}: better, deployed")
    return verdict("keep", f"{compared}: not better by more than the margin, production kept")


def newest_model_of(db: Database, dataset_version: str) -> str:
    """Return the newest registered model trained on ``dataset_version``; raises :class:`PipelineError`."""
    for model in models.list_models(db):
        if model["dataset_version"] == dataset_version:
            return model["name"]
    raise PipelineError(
        f"no registered model was trained on dataset version {dataset_version!r}: the train step must succeed first"
    )


DEPLOY_TARGETS = ("local", "vertex", "registry")


def deploy_if_better(
    settings: Settings,
    model: str | None = None,
    dataset: str | None = None,
    margin: float | None = None,
    target: str = "registry",
) -> dict[str, Any]:
    """Run the gate for ``model`` (or the newest model of ``dataset``); deploy and promote it when it passes.

    ``target`` ``local`` or ``vertex`` deploys the model there (``hisolver deploy``)
    before promoting it; ``registry`` only promotes it. Returns the decision as a
    dict (``model``, ``decision``, ``reason``, scores, ``margin``, ``deployed``,
    ``deployment``). Raises :class:`PipelineError` when neither a model nor a
    dataset is given, or when the deploy fails (production is then unchanged),
    :class:`ModelNotFound` for an unknown model.
    """
    if not model and not dataset:
        raise PipelineError("the deploy step needs --model NAME or --dataset NAME")
    if target not in DEPLOY_TARGETS:
        raise PipelineError(f"unknown deploy target {target!r}: use one of {', '.join(DEPLOY_TARGETS)}")
    margin = settings.pipeline_deploy_margin if margin is None else margin
    with closing(open_db(settings)) as db:
        name = model or newest_model_of(db, dataset or "")
        decision = decide(db, name, margin)
    deployment = None
    if decision.deploy and target != "registry":
        from ..deployment import deploy_model

        row = deploy_model(settings, name, target)
        if row.get("status") != "active":
            raise PipelineError(f"{name} passed the gate but its {target} deploy failed "
                                f"({row.get('error') or row.get('smoke_detail') or row.get('status')}); "
                                "the production model is unchanged")  # fmt: skip
        deployment = {"id": row["id"], "target": target, "status": row["status"]}
    if decision.deploy:
        with closing(open_db(settings)) as db:
            models.promote_model(db, name, note=f"pipeline deploy gate: {decision.reason}")
    log.info("deploy gate for %s: %s (%s)", name, decision.decision, decision.reason)
    return {**asdict(decision), "deployed": decision.deploy, "deployment": deployment}


def export_processed(settings: Settings) -> dict[str, Any]:
    """Write ``processed/`` (one JSON per representative snippet) and count the label queue.

    Returns ``exported`` (files written or unchanged) and ``waiting_for_labels``
    (snippets that still need labels). Raises :class:`StorageError` when the
    store cannot be written.
    """
    from ..blobs import open_blob_store
    from ..extraction import export_snippets
    from ..jobs import tracked_job
    from ..labeling import waiting_for_labels

    with closing(open_db(settings)) as db:
        with tracked_job(db, "export", {}) as job:
            exported = export_snippets(db, open_blob_store(settings))
            waiting = waiting_for_labels(db)
            job(1, 1, f"{exported} snippets in processed/, {waiting} wait for labels")
    return {"exported": exported, "waiting_for_labels": waiting}
