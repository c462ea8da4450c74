"""What the Train page shows, one call per section: the overview, one run, two runs compared."""

from __future__ import annotations

import json
import logging
from typing import Any

from ..blobs import open_blob_store
from ..config import Settings
from ..datasets import list_versions
from ..db import open_db, transaction
from ..errors import NotFoundError, StorageError
from ..jobs import reap_lost_jobs
from .runs import get_run, list_runs, run_metrics

__all__ = ["overview", "run_detail", "compare_runs", "CURVES", "COMPARED_METRICS"]

log = logging.getLogger(__name__)

# per-step columns the page can draw, with their axis titles
CURVES = {
    "loss": "training loss",
    "eval_loss": "validation loss",
    "learning_rate": "learning rate",
    "grad_norm": "gradient norm",
    "tokens_per_s": "tokens / s",
    "gpu_mem_mb": "peak GPU memory (MB)",
}
COMPARED_METRICS = (
    "render_success",
    "base_render_success",
    "scene_share",
    "val_loss",
    "base_val_loss",
    "perplexity",
    "train_loss",
    "steps",
    "train_seconds",
)
PREVIEWS = 3  # rendered samples whose poster is loaded for the page


def overview(settings: Settings) -> dict[str, Any]:
    """Return ``{"versions": [...], "runs": [...]}``: dataset versions with counts, runs newest first.

    Runs whose process died are marked failed first (through their job), so nothing stays 'running'.
    """
    db = open_db(settings)
    try:
        for job_id in reap_lost_jobs(db):
            with transaction(db):
                db.execute(
                    "UPDATE training_runs SET status = 'failed', error = 'the process ended without "
                    "finishing (killed or crashed): resume it' WHERE job_id = ? AND status = 'running'",
                    [job_id],
                )
        return {"versions": list_versions(settings, db=db), "runs": list_runs(db)}
    finally:
        db.close()


def _samples(settings: Settings, run: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    key = run["artifacts"].get("eval")
    if not key:
        return {}
    blobs = open_blob_store(settings)
    try:
        samples = json.loads(blobs.get(key))
    except (NotFoundError, StorageError, ValueError) as exc:
        log.warning("no evaluation samples for %s: %s", run["id"], exc)
        return {}
    shown = 0
    for side in samples.values():
        for sample in side:
            sample["poster"] = None
            if sample.get("rendered") and sample.get("poster_key") and shown < PREVIEWS:
                try:
                    sample["poster"] = blobs.get(sample["poster_key"])
                    shown += 1
                except (NotFoundError, StorageError):
                    pass
    return samples


def run_detail(settings: Settings, run_id: str) -> dict[str, Any]:
    """Return ``{"run", "steps", "card", "samples"}`` for one run (card and samples once it finished).

    Raises ``RunNotFound``.
    """
    db = open_db(settings)
    try:
        run, steps = get_run(db, run_id), run_metrics(db, run_id)
    finally:
        db.close()
    card = ""
    if run["artifacts"].get("card"):
        try:
            card = open_blob_store(settings).get(run["artifacts"]["card"]).decode("utf-8", "replace")
        except (NotFoundError, StorageError):
            card = ""
    return {"run": run, "steps": steps, "card": card, "samples": _samples(settings, run)}


def compare_runs(settings: Settings, a: str, b: str) -> dict[str, Any]:
    """Return ``{"steps": [{run, step, loss, eval_loss}, ...], "metrics": [{metric, a, b}, ...]}``.

    Raises ``RunNotFound`` for either id.
    """
    db = open_db(settings)
    try:
        runs = {rid: get_run(db, rid) for rid in (a, b)}
        steps = [
            {"run": rid, "step": row["step"], "loss": row["loss"], "eval_loss": row["eval_loss"]}
            for rid in (a, b)
            for row in run_metrics(db, rid)
        ]
    finally:
        db.close()
    metrics = [
        {"metric": name, a: runs[a]["metrics"].get(name), b: runs[b]["metrics"].get(name)} for name in COMPARED_METRICS
    ]
    params = sorted(set(runs[a]["params"]) | set(runs[b]["params"]))
    differing = [
        {"metric": f"param {p}", a: runs[a]["params"].get(p), b: runs[b]["params"].get(p)}
        for p in params
        if runs[a]["params"].get(p) != runs[b]["params"].get(p)
    ]
    return {"steps": steps, "metrics": metrics + differing}
