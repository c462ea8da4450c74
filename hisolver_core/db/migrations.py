"""Schema changes, applied in order through sqlite-utils ``Migrations``.

Add a new function at the end for every change; never edit one that has shipped
(databases in the field have already recorded it as applied).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

__all__ = ["migrations"]

migrations = Migrations("hisolver")


@migrations()
def m001_initial(db: Database) -> None:
    db.table("repos").create(
        {
            "id": int,
            "full_name": str,  # owner/name, or local:<name> for imports
            "source": str,  # github | local
            "stars": int,
            "license": str,  # SPDX id
            "default_branch": str,
            "pushed_at": str,
            "head_commit": str,
            "collected_at": str,
            "status": str,
        },
        pk="id",
        not_null={"full_name"},
    )
    db.table("repos").create_index(["full_name"], unique=True)
    db.table("files").create(
        {
            "id": int,
            "repo_id": int,
            "path": str,
            "blob_key": str,
            "sha256": str,
            "size": int,
            "parse_error": str,
            "collected_at": str,
        },
        pk="id",
        foreign_keys=[("repo_id", "repos", "id")],
    )
    db.table("files").create_index(["repo_id", "path"], unique=True)
    db.table("snippets").create(
        {
            "id": int,
            "file_id": int,
            "scene_name": str,
            "code": str,
            "dialect": str,  # community | manimgl | manimlib_old | unknown
            "code_hash": str,
            "ast_hash": str,
            "cluster_id": int,
            "is_representative": int,
            "render_status": str,  # pending | ok | failed | rejected | not_renderable
            "render_error": str,
            "poster_key": str,
            "video_key": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("file_id", "files", "id")],
    )
    db.table("snippets").create_index(["code_hash"])
    db.table("snippets").create_index(["file_id", "scene_name"], unique=True)
    db.table("labels").create(
        {
            "id": int,
            "snippet_id": int,
            "annotator": str,
            "summary": str,
            "status": str,  # draft | submitted | approved | rejected
            "source": str,  # human | llm-suggested
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("snippet_id", "snippets", "id")],
    )
    db.table("labels").create_index(["snippet_id"])
    db.table("jobs").create(
        {
            "id": int,
            "kind": str,  # collect | extract | render-check | train | evaluate
            "status": str,  # queued | running | succeeded | failed | cancelled
            "params": str,  # JSON
            "progress": float,
            "message": str,
            "log_key": str,
            "pid": int,
            "created_at": str,
            "started_at": str,
            "finished_at": str,
        },
        pk="id",
    )
    db.table("solves").create(
        {
            "id": int,
            "problem": str,
            "options": str,  # JSON list
            "backend": str,
            "status": str,
            "topic": str,
            "verified": int,
            "answer": str,
            "steps_ms": float,
            "video_ms": float,
            "timings": str,  # JSON
            "created_at": str,
        },
        pk="id",
    )
    db.table("solves").create_index(["created_at"])


@migrations()
def m020_labeling_queue_review_datasets(db: Database) -> None:
    """Labeling queue (leases, skips/flags, key/value settings), review fields, dataset versions."""
    for column in ("suggested_from", "reviewer", "review_note", "reviewed_at"):
        db.table("labels").add_column(column, str)
    # One label per annotator per snippet: a repeated save updates it, never doubles it.
    db.table("labels").create_index(["snippet_id", "annotator"], unique=True, index_name="labels_snippet_annotator")
    db.table("labels").create_index(["status"])
    db.table("label_leases").create(
        {"snippet_id": int, "annotator": str, "expires_at": str},
        pk=("snippet_id", "annotator"),
        foreign_keys=[("snippet_id", "snippets", "id")],
    )
    db.table("label_skips").create(
        {"id": int, "snippet_id": int, "annotator": str, "kind": str, "reason": str, "created_at": str},
        pk="id",  # kind: skip | flag (bad code)
        foreign_keys=[("snippet_id", "snippets", "id")],
    )
    db.table("label_skips").create_index(["snippet_id", "annotator"], unique=True)
    db.table("app_settings").create({"key": str, "value": str}, pk="key")
    db.table("dataset_versions").create(
        {
            "name": str,
            "status": str,  # building | ready
            "content_hash": str,
            "parent": str,
            "approved_only": int,
            "val_fraction": float,
            "train_count": int,
            "val_count": int,
            "label_count": int,
            "manifest_key": str,
            "created_by": str,
            "created_at": str,
        },
        pk="name",
    )


@migrations()
def m010_collection_extraction(db: Database) -> None:
    """Collection and extraction: incremental markers, MinHash signatures, repo errors, FTS5 on snippets."""
    db.table("files").add_column("extracted_sha256", str)  # sha256 of the content last extracted
    db.table("repos").add_column("error", str)  # why the last collection of this repo failed
    db.table("repos").add_column("file_count", int)
    db.table("snippets").add_column("minhash", bytes)  # near-duplicate signature (datasketch, uint64 LE)
    db.table("snippets").create_index(["ast_hash"])
    db.table("snippets").create_index(["render_status"])
    db.table("snippets").create_index(["cluster_id"])
    db.table("snippets").enable_fts(["scene_name", "code"], fts_version="FTS5", create_triggers=True)


@migrations()
def m040_model_registry(db: Database) -> None:
    """Model registry: one row per registered model version, and the stage changes it went through."""
    db.table("models").create(
        {
            "name": str,  # e.g. hisolver-manim-v3
            "version": int,
            "run_id": str,  # the training run that produced it
            "dataset_version": str,
            "dataset_hash": str,
            "base_model": str,  # local folder or Hugging Face id
            "method": str,  # lora | qlora | full
            "metrics": str,  # JSON: render_success, val_loss, ...
            "artifact_uri": str,  # blob prefix (models/<run>/) or gs://... of everything the run saved
            "artifacts": str,  # JSON: {"adapter": "models/<run>/adapter/", "merged": ..., "card": ...}
            "stage": str,  # candidate | production | archived
            "created_at": str,
            "updated_at": str,
        },
        pk="name",
    )
    db.table("models").create_index(["run_id"], unique=True)
    db.table("models").create_index(["stage"])
    db.table("model_events").create(
        {"id": int, "model": str, "stage": str, "previous_stage": str, "note": str, "at": str},
        pk="id",
        foreign_keys=[("model", "models", "name")],
    )


@migrations()
def m030_jobs_runner(db: Database) -> None:
    """Jobs run by a runner (local subprocess or Vertex AI): the spec to retry from, where it runs, metrics."""
    jobs = db.table("jobs")
    jobs.add_column("runner", str)  # local | vertex | inline (recorded by the process that did the work)
    jobs.add_column("spec", str)  # JSON JobSpec: what retry runs again
    jobs.add_column("external_id", str)  # Vertex resource name
    jobs.add_column("console_url", str)
    jobs.add_column("log_url", str)
    jobs.add_column("retry_of", int)
    jobs.add_column("exit_code", int)
    jobs.add_column("metrics", str)  # JSON written by the job (scores, losses)
    jobs.create_index(["status"])


@migrations()
def m060_deployments(db: Database) -> None:
    """Deployments: where a registered model serves (local or a Vertex AI endpoint), its traffic and smoke test."""
    db.table("deployments").create(
        {
            "id": int,
            "model": str,  # registered model name
            "target": str,  # local | vertex
            "status": str,  # deploying | active | failed | undeployed | rolled_back
            "endpoint": str,  # Vertex endpoint resource name ("" for local)
            "deployed_model_id": str,  # Vertex DeployedModel id ("" for local)
            "vertex_model": str,  # Vertex Model resource name
            "traffic": str,  # JSON: the endpoint's traffic split after this deploy
            "previous_traffic": str,  # JSON: the split before it (what rollback restores)
            "config": str,  # JSON: machine, accelerator, replicas, container / local folders
            "smoke_ok": int,  # 1 passed, 0 failed, null not run
            "smoke_detail": str,  # the smoke prediction's text (or its error) and seconds
            "error": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("model", "models", "name")],
    )
    db.table("deployments").create_index(["target", "status"])


@migrations()
def m050_training_runs(db: Database) -> None:
    """Fine-tuning runs and the metrics each logs step by step (the Train page draws them live)."""
    db.table("training_runs").create(
        {
            "id": str,  # run-YYYYmmdd-HHMMSS-xxxx
            "dataset_version": str,
            "dataset_hash": str,
            "base_model": str,  # local folder or Hugging Face id
            "method": str,  # lora | qlora | full
            "params": str,  # JSON: every hyper-parameter (TrainParams)
            "status": str,  # queued | running | succeeded | failed | cancelled
            "metrics": str,  # JSON: train/val loss, render success before and after, ...
            "artifact_uri": str,  # models/<run>/ in the blob store
            "artifacts": str,  # JSON: adapter, merged, card, metrics keys
            "model": str,  # registered model name once registered
            "job_id": int,
            "step": int,  # last finished optimizer step
            "max_steps": int,
            "created_at": str,
            "started_at": str,
            "finished_at": str,
            "error": str,
        },
        pk="id",
    )
    db.table("training_runs").create_index(["status"])
    db.table("training_metrics").create(
        {
            "run_id": str,
            "step": int,
            "epoch": float,
            "loss": float,
            "learning_rate": float,
            "grad_norm": float,
            "tokens_per_s": float,
            "gpu_mem_mb": float,
            "eval_loss": float,
            "at": str,
        },
        pk=("run_id", "step"),
        foreign_keys=[("run_id", "training_runs", "id")],
    )


@migrations()
def m080_pipeline_runs(db: Database) -> None:
    """Pipeline runs (part 1 / part 2, local or Vertex AI Pipelines), their steps, and the lineage they made."""
    db.table("pipeline_runs").create(
        {
            "id": int,
            "part": str,  # part1 | part2
            "status": str,  # queued | running | succeeded | failed | cancelled
            "runner": str,  # local | vertex
            "params": str,  # JSON: query, max_repos, dataset, base_model, ...
            "error": str,  # the failed step's error, one line
            "job_id": int,  # the job the whole run executes in (--background), if any
            "pid": int,  # the orchestrating process, while it runs on this machine
            "dataset_version": str,  # lineage: what part 2 made or used
            "training_run": str,
            "model": str,
            "deploy_decision": str,  # deploy | keep
            "deploy_reason": str,
            "snippets_waiting": int,  # label queue after part 1
            "external_id": str,  # Vertex AI PipelineJob resource name
            "console_url": str,
            "remote_state": str,  # e.g. PIPELINE_STATE_RUNNING
            "created_at": str,
            "started_at": str,
            "finished_at": str,
        },
        pk="id",
    )
    db.table("pipeline_runs").create_index(["status"])
    db.table("pipeline_steps").create(
        {
            "id": int,
            "run_id": int,
            "position": int,
            "name": str,  # collect | extract | render-check | export | dataset | train | deploy
            "status": str,  # pending | running | succeeded | failed | skipped
            "job_id": int,
            "args": str,  # JSON: the hisolver arguments the step ran
            "output": str,  # JSON: the step command's last JSON line
            "error": str,
            "started_at": str,
            "finished_at": str,
            "seconds": float,
        },
        pk="id",
        foreign_keys=[("run_id", "pipeline_runs", "id")],
    )
    db.table("pipeline_steps").create_index(["run_id", "name"], unique=True)
