"""A training run end to end: dataset version -> train -> evaluate -> artifacts -> registered model.

Each public function is one job (``tracked_job(db, "train", ...)``), so the same call runs in
the foreground CLI, as a background job or inside a Vertex AI CustomJob. A run is registered
only after every artifact is written; any failure marks the run and its job failed, removes
partial artifacts and registers nothing.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..blobs import BlobStore, LocalBlobStore, open_blob_store
from ..config import Settings
from ..datasets import load_version
from ..db import open_db, utcnow
from ..jobs import JOB_ID_ENV, get_job, reap_lost_jobs, tracked_job
from ..models import register_model, update_model_metrics
from . import artifacts as art
from .data import load_tokenizer, resolve_base, uses_chat
from .evaluate import base_of, loss_metrics, score_model
from .params import TrainingError, TrainParams
from .runs import create_run, get_run, new_run_id, record_metrics, update_run
from .trainer import MetricsCallback, build_trainer, hardware, last_checkpoint, load_model

__all__ = ["start_run", "resume_run", "evaluate_run", "run_to_resume", "work_dir", "TRAIN_SHARE"]

log = logging.getLogger(__name__)

TRAIN_SHARE = 0.85  # of the job's progress bar; evaluation and saving take the rest
STEP_REPORT_S = 1.0  # at most one progress line per this many seconds while training
Echo = Callable[[str], None]


def work_dir(settings: Settings, run_id: str) -> Path:
    """The run's local folder: ``checkpoints/`` (for resume) and ``out/`` (artifacts before upload)."""
    return Path(settings.data_dir) / "training" / run_id


def start_run(
    settings: Settings,
    dataset: str,
    base_model: str,
    params: TrainParams | None = None,
    *,
    run_id: str | None = None,
    echo: Echo | None = None,
) -> dict[str, Any]:
    """Train ``base_model`` on dataset version ``dataset``; return ``{run, status, metrics, artifacts, model}``.

    ``run_id`` (default: a fresh one) lets a caller name the run before it starts.

    Raises :class:`TrainingError` (bad input, NaN loss, full disk), ``NotFoundError`` for an
    unknown dataset version; the run is then marked failed and nothing is registered.
    """
    params = (params or TrainParams()).checked()
    db = open_db(settings)
    try:
        run_id = run_id or new_run_id()
        job_params = {"run": run_id, "dataset": dataset, "base_model": base_model, **params.to_dict()}
        with tracked_job(db, "train", job_params) as progress:
            create_run(
                db,
                run_id,
                dataset_version=dataset,
                base_model=base_model,
                method=params.method,
                params=params.to_dict(),
                job_id=progress.job_id,
            )
            return _guarded(settings, db, get_run(db, run_id), params, progress, False, echo)
    finally:
        db.close()


def resume_run(settings: Settings, run_id: str, *, echo: Echo | None = None) -> dict[str, Any]:
    """Continue run ``run_id`` from its last checkpoint (or from the start); return as :func:`start_run`.

    Raises ``RunNotFound``, or :class:`TrainingError` when the run already succeeded or still runs.
    """
    db = open_db(settings)
    try:
        run = get_run(db, run_id)
        if run["status"] == "succeeded":
            raise TrainingError(f"{run_id} already finished; `hisolver train eval {run_id}` evaluates it again")
        reap_lost_jobs(db)  # a killed run's job is marked failed here, so it no longer looks alive
        if run["status"] == "running" and run["job_id"] and get_job(db, run["job_id"])["status"] == "running":
            raise TrainingError(f"{run_id} is still running (job {run['job_id']}); cancel it before resuming")
        params = TrainParams.from_dict(run["params"])
        job_params = {"run": run_id, "resume": True, "dataset": run["dataset_version"], "base_model": run["base_model"]}
        with tracked_job(db, "train", job_params) as progress:
            update_run(db, run_id, status="running", error="", job_id=progress.job_id, finished_at=None)
            return _guarded(settings, db, get_run(db, run_id), params, progress, True, echo)
    finally:
        db.close()


def run_to_resume(settings: Settings) -> str | None:
    """In a job started by Retry on the Jobs page, return the unfinished run of the job it retries, else None.

    So Retry continues a killed run from its checkpoint instead of starting a new one.
    """
    raw = os.environ.get(JOB_ID_ENV, "")
    if not raw.isdigit():
        return None
    db = open_db(settings)
    try:
        job = get_job(db, int(raw))
        seen: set[int] = set()
        while job.get("retry_of") and job["retry_of"] not in seen:  # a retry of a retry: follow the chain
            seen.add(job["retry_of"])
            rows = [r for r in db.table("training_runs").rows_where("job_id = ?", [job["retry_of"]])]
            if rows:
                return rows[0]["id"] if rows[0]["status"] != "succeeded" else None
            job = get_job(db, job["retry_of"])
    finally:
        db.close()
    return None


def _guarded(
    settings: Settings,
    db: Database,
    run: dict[str, Any],
    params: TrainParams,
    progress: Any,
    resume: bool,
    echo: Echo | None,
) -> dict[str, Any]:
    blobs = open_blob_store(settings)
    try:
        return _execute(settings, db, blobs, run, params, progress, resume, echo)
    except BaseException as exc:
        status = "cancelled" if isinstance(exc, KeyboardInterrupt) else "failed"
        update_run(db, run["id"], status=status, error=str(exc)[:1000] or type(exc).__name__, finished_at=utcnow())
        art.remove_uploaded(blobs, run["id"])
        log.error("training run %s %s: %s", run["id"], status, exc)
        raise


def _execute(
    settings: Settings,
    db: Database,
    blobs: BlobStore,
    run: dict[str, Any],
    params: TrainParams,
    progress: Any,
    resume: bool,
    echo: Echo | None,
) -> dict[str, Any]:
    run_id = run["id"]
    say = _reporter(progress, echo)
    version = load_version(settings, run["dataset_version"], blobs=blobs)
    train_rows, val_rows = list(version.iter_train()), list(version.iter_val())
    if not train_rows:
        raise TrainingError(f"dataset version {version.name} has no training rows: label more snippets first")
    update_run(db, run_id, dataset_hash=version.content_hash)
    base = resolve_base(run["base_model"])
    tokenizer = load_tokenizer(base)
    chat = uses_chat(tokenizer, params.prompt_format)
    hw = hardware()
    say(0.01, f"loading {run['base_model']} on {hw.device} ({params.method})")
    model = load_model(base, params, hw)

    last_report = [0.0]

    def on_step(step: int, total: int, latest: dict[str, Any]) -> None:
        # one row update and one log line a second at most: a tiny model's step takes milliseconds
        now = time.monotonic()
        if now - last_report[0] < STEP_REPORT_S and step < total and step > 1:
            return
        last_report[0] = now
        update_run(db, run_id, step=step, max_steps=total)
        progress.metrics({"run": run_id, "step": step, "max_steps": total, **latest})  # live on the Jobs page
        loss = latest.get("loss")
        say(TRAIN_SHARE * step / max(total, 1), f"step {step}/{total}" + (f", loss {loss:.4f}" if loss else ""))

    metrics_cb = MetricsCallback(lambda step, values: record_metrics(db, run_id, step, values), on_step, hw.cuda)
    folder = work_dir(settings, run_id)
    trainer = build_trainer(
        model, tokenizer, train_rows, val_rows, params, hw, folder / "checkpoints", chat, [metrics_cb.callback()]
    )
    checkpoint = last_checkpoint(folder / "checkpoints") if resume else None
    if checkpoint:
        say(0.02, f"resuming from {Path(checkpoint).name}")
    try:
        result = trainer.train(resume_from_checkpoint=checkpoint)
    except OSError as exc:
        raise art._disk_error(exc, folder) from exc
    if metrics_cb.nan_step is not None:
        raise TrainingError(
            f"the loss became NaN at step {metrics_cb.nan_step}: lower the learning rate (now "
            f"{params.learning_rate:g}) or check the dataset; nothing was registered"
        )
    model = trainer.model
    metrics: dict[str, Any] = {
        "steps": trainer.state.global_step,
        "train_loss": result.training_loss,
        "train_seconds": result.metrics.get("train_runtime"),
        "device": hw.device,
        "chat_template": chat,
    }
    say(TRAIN_SHARE, "evaluating")
    evaluation = _evaluate(settings, blobs, trainer, model, tokenizer, base, val_rows, params, chat, say)
    metrics.update(evaluation["metrics"])
    record_metrics(db, run_id, trainer.state.global_step, {"eval_loss": metrics.get("val_loss")})
    say(0.96, "saving artifacts")
    folders = art.save_local(model, tokenizer, params, folder / "out", base, hw.bf16)
    card = art.model_card(get_run(db, run_id), params, metrics, version.content_hash)
    keys = art.upload(blobs, run_id, folders, card, metrics, evaluation["samples"])
    registered = register_model(
        db,
        blobs,
        run_id=run_id,
        base_model=run["base_model"],
        dataset_version=version.name,
        dataset_hash=version.content_hash,
        artifact_uri=f"models/{run_id}/",
        artifacts=keys,
        metrics=metrics,
        method=params.method,
    )
    update_run(
        db, run_id, status="succeeded", metrics=metrics, artifacts=keys, model=registered["name"], finished_at=utcnow()
    )
    progress.metrics({"run": run_id, "model": registered["name"], **metrics})
    say(
        1.0,
        f"registered {registered['name']}: render success {_pct(metrics.get('render_success'))} "
        f"(base {_pct(metrics.get('base_render_success'))})",
    )
    return {
        "run": run_id,
        "status": "succeeded",
        "metrics": metrics,
        "artifacts": keys,
        "model": registered["name"],
        "job_id": run.get("job_id"),
    }


def _pct(value: Any) -> str:
    return f"{value:.0%}" if isinstance(value, (int, float)) else "-"


def _reporter(progress: Any, echo: Echo | None) -> Callable[[float, str], None]:
    def say(fraction: float, message: str) -> None:
        progress(int(fraction * 1000), 1000, message)
        log.info("%s", message)
        if echo is not None:
            echo(message)

    return say


def _mean_loss(model: Any, trainer: Any) -> float | None:
    """Token-weighted mean loss of ``model`` on the trainer's prepared validation batches."""
    import torch

    if trainer.eval_dataset is None or len(trainer.eval_dataset) == 0:
        return None
    total, count = 0.0, 0
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for batch in trainer.get_eval_dataloader():
                batch = {k: v.to(device) for k, v in batch.items() if k in ("input_ids", "attention_mask", "labels")}
                tokens = int((batch["labels"][:, 1:] != -100).sum())
                if tokens:
                    total += float(model(**batch).loss) * tokens
                    count += tokens
    finally:
        model.train(was_training)
    return total / count if count else None


def _say_sample(say: Callable[[float, str], None], label: str, message: str) -> None:
    """Report a sample of the ``label`` model (trained or base) at its place in the progress bar."""
    say(0.9 if label == "trained" else 0.93, f"{label}: {message}")


def _evaluate(
    settings: Settings,
    blobs: BlobStore,
    trainer: Any,
    model: Any,
    tokenizer: Any,
    base: str,
    val_rows: list[dict[str, Any]],
    params: TrainParams,
    chat: bool,
    say: Callable[[float, str], None],
) -> dict[str, Any]:
    """Before/after: val loss, perplexity, render success and Scene share of the trained and base models."""
    from transformers import AutoModelForCausalLM

    from ..rendering import Renderer

    rows = val_rows[: params.eval_limit]
    renderer = Renderer(settings, blobs, workers=1, warm=False) if rows else None
    out: dict[str, Any] = {}
    samples: dict[str, Any] = {}
    try:
        for prefix, label in (("", "trained"), ("base_", "base")):
            ctx = (
                base_of(model, lambda: AutoModelForCausalLM.from_pretrained(base))
                if prefix
                else contextlib.nullcontext(model)
            )
            with ctx as current:
                loss = loss_metrics(_mean_loss(current, trainer))
                scored = score_model(
                    current,
                    tokenizer,
                    rows,
                    chat,
                    params.max_new_tokens,
                    renderer,
                    functools.partial(_say_sample, say, label),
                )
            out.update({prefix + k: v for k, v in loss.items()})
            out.update({prefix + k: scored[k] for k in ("render_success", "scene_share")})
            out["eval_prompts"] = scored["prompts"]
            samples[label] = scored["samples"]
    finally:
        if renderer is not None:
            renderer.close()
    return {"metrics": out, "samples": samples}


def _local_folder(settings: Settings, blobs: BlobStore, prefix: str) -> Path:
    """A local copy of the blob folder ``prefix`` (the folder itself for the local store)."""
    if isinstance(blobs, LocalBlobStore):
        return blobs.root / prefix
    dest = Path(settings.data_dir) / "cache" / prefix
    for key in blobs.list(prefix):
        path = dest / key[len(prefix) :]
        path.parent.mkdir(parents=True, exist_ok=True)
        with blobs.open(key) as src, path.open("wb") as fh:
            fh.write(src.read())
    return dest


def evaluate_run(
    settings: Settings, run_id: str, limit: int | None = None, *, echo: Echo | None = None
) -> dict[str, Any]:
    """Evaluate a finished run again from its stored artifacts; return ``{run, metrics, samples}``.

    Raises ``RunNotFound``, or :class:`TrainingError` when the run has no artifacts yet.
    """
    db = open_db(settings)
    try:
        run = get_run(db, run_id)
        if run["status"] != "succeeded":
            raise TrainingError(f"{run_id} has no artifacts (status {run['status']}): resume or rerun it first")
        params = TrainParams.from_dict(run["params"])
        if limit is not None:
            params = params.replace(eval_limit=limit)
        with tracked_job(db, "train-eval", {"run": run_id, "eval_limit": params.eval_limit}) as progress:
            blobs = open_blob_store(settings)
            say = _reporter(progress, echo)
            version = load_version(settings, run["dataset_version"], blobs=blobs)
            base = resolve_base(run["base_model"])
            model, tokenizer = _load_trained(settings, blobs, run, base)
            chat = uses_chat(tokenizer, params.prompt_format)
            trainer = build_trainer(
                model,
                tokenizer,
                list(version.iter_train())[:1],
                list(version.iter_val()),
                params.replace(method="full"),
                hardware(),
                work_dir(settings, run_id) / "eval",
                chat,
            )
            evaluation = _evaluate(
                settings,
                blobs,
                trainer,
                model,
                tokenizer,
                base,
                list(version.iter_val()),
                params,
                chat,
                lambda f, m: say(f, m),
            )
            metrics = {**run["metrics"], **evaluation["metrics"], "evaluated_at": utcnow()}
            update_run(db, run_id, metrics=metrics)
            update_model_metrics(db, run_id, metrics)  # the registry compares models by these
            return {"run": run_id, "metrics": metrics, "samples": evaluation["samples"]}
    finally:
        db.close()


def _load_trained(settings: Settings, blobs: BlobStore, run: dict[str, Any], base: str) -> tuple[Any, Any]:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    arts = run["artifacts"]
    if "adapter" in arts:
        from peft import PeftModel

        folder = _local_folder(settings, blobs, arts["adapter"])
        model: Any = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(base), str(folder))
    else:
        folder = _local_folder(settings, blobs, arts["merged"])
        model = AutoModelForCausalLM.from_pretrained(str(folder))
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    return model, AutoTokenizer.from_pretrained(str(folder))
