"""Runs end to end: dataset version -> train -> eval (sandboxed renders) -> artifacts -> registered model,
the artifacts served by the local backend, and every bad input failing cleanly with nothing registered."""

from __future__ import annotations

import errno
import json

import pytest

from hisolver_core import models, training
from hisolver_core.blobs import LocalBlobStore, open_blob_store
from hisolver_core.config import load_settings
from hisolver_core.db import open_db
from hisolver_core.errors import NotFoundError
from hisolver_core.jobs import list_jobs
from hisolver_core.training import TrainingError, TrainParams
from hisolver_core.training.evaluate import generate_code
from tests.training.conftest import make_version


def test_end_to_end_version_to_registered_model(full_run):
    settings, result = full_run
    assert result["status"] == "succeeded" and result["run"].startswith("run-")
    db = open_db(settings)
    try:
        run = training.get_run(db, result["run"])
        model = models.get_model(db, result["model"])
        steps = training.run_metrics(db, result["run"])
        (job,) = list_jobs(db, kind="train")
    finally:
        db.close()
    assert run["status"] == "succeeded" and run["step"] == run["max_steps"] == 300 and run["dataset_hash"]
    assert (job["status"], job["progress"]) == ("succeeded", 1.0)
    assert model["run_id"] == result["run"] and model["stage"] == "candidate"
    assert model["metrics"]["render_success"] == result["metrics"]["render_success"]
    # per-step metrics for the live curves; the loss went down
    losses = [s["loss"] for s in steps if s["loss"] is not None]
    assert len(losses) >= 299 and losses[-1] < losses[0] / 10
    assert all(s["learning_rate"] is not None for s in steps if s["loss"] is not None)
    # before/after: the trained model writes code that renders in the sandbox, the random base does not
    m = result["metrics"]
    assert m["eval_prompts"] == 2
    assert m["render_success"] == 1.0 and m["scene_share"] == 1.0 and m["base_render_success"] == 0.0
    assert m["val_loss"] < m["base_val_loss"] and m["perplexity"] < m["base_perplexity"]
    blobs = open_blob_store(settings)
    arts = result["artifacts"]
    assert blobs.exists(arts["merged"] + "config.json") and blobs.exists(arts["merged"] + "tokenizer.json")
    card = blobs.get(arts["card"]).decode()
    assert "v1" in card and run["dataset_hash"] in card and "learning_rate" in card and "render success" in card
    assert json.loads(blobs.get(arts["metrics"]))["render_success"] == 1.0
    samples = json.loads(blobs.get(arts["eval"]))
    assert samples["trained"][0]["rendered"] and blobs.exists(samples["trained"][0]["poster_key"])


def test_a_tiny_model_reproduces_its_20_training_pairs(full_run):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    settings, result = full_run
    blobs = open_blob_store(settings)
    folder = blobs.root / result["artifacts"]["merged"]
    model, tokenizer = AutoModelForCausalLM.from_pretrained(folder), AutoTokenizer.from_pretrained(folder)
    rows = list(training.service.load_version(settings, "v1").iter_train())
    assert len(rows) == 20
    wrong = [
        row["messages"][1]["content"]
        for row in rows
        if generate_code(model, tokenizer, row["messages"][:-1], True, 64) != row["messages"][-1]["content"]
    ]
    assert wrong == []


def test_train_eval_recomputes_the_before_after_table(full_run):
    settings, result = full_run
    again = training.evaluate_run(settings, result["run"], limit=1)
    m = again["metrics"]
    assert m["eval_prompts"] == 1 and m["render_success"] == 1.0 and m["base_render_success"] == 0.0
    assert m["val_loss"] == pytest.approx(result["metrics"]["val_loss"], rel=1e-4)
    db = open_db(settings)
    try:  # the registered model carries the new figures too
        assert models.get_model(db, result["model"])["metrics"]["eval_prompts"] == 1
    finally:
        db.close()


@pytest.mark.slow
def test_the_local_backend_loads_and_answers_from_the_merged_artifacts(full_run):
    from hisolver_core.llm.local_backend import LocalBackend, shutdown_workers

    settings, result = full_run
    blobs = open_blob_store(settings)
    folder = blobs.root / result["artifacts"]["merged"]
    rows = list(training.service.load_version(settings, "v1").iter_train())
    local = load_settings(
        {
            "HISOLVER_DATA_DIR": str(settings.data_dir),
            "HISOLVER_LOCAL_MODEL_PATH": str(folder),
            "HISOLVER_LOCAL_MAX_NEW_TOKENS": "64",
        },
        secrets_file=settings.data_dir / "none.toml",
    )
    try:
        reply = LocalBackend(local).generate(rows[0]["messages"][:-1])
    finally:
        shutdown_workers()
    assert "class Scene" in reply.text and reply.text.strip() == rows[0]["messages"][-1]["content"].strip()


def _failed(settings, run_prefix="run-"):
    db = open_db(settings)
    try:
        runs = training.list_runs(db)
        return runs, models.list_models(db), list_jobs(db, kind="train")
    finally:
        db.close()


def _assert_failed_cleanly(settings, blobs, match):
    runs, registered, jobs = _failed(settings)
    assert [r["status"] for r in runs] == ["failed"] and match in runs[0]["error"]
    assert registered == [] and jobs[0]["status"] == "failed" and match in jobs[0]["message"]
    assert list(blobs.list(f"models/{runs[0]['id']}/")) == []


def test_an_unknown_dataset_version_fails_the_run(settings, db, blobs, tiny_base):
    with pytest.raises(NotFoundError, match="no dataset version 'nope'"):
        training.start_run(settings, "nope", str(tiny_base), TrainParams(max_steps=1))
    _assert_failed_cleanly(settings, blobs, "no dataset version")


def test_a_version_without_training_rows_fails_the_run(settings, db, blobs, tiny_base):
    manifest = make_version(settings, db, 1, val_fraction=0.999)
    assert manifest["counts"]["train"] == 0
    with pytest.raises(TrainingError, match="no training rows"):
        training.start_run(settings, "v1", str(tiny_base), TrainParams(max_steps=1))
    _assert_failed_cleanly(settings, blobs, "no training rows")


def test_a_base_folder_without_config_fails_the_run(settings, db, blobs, version, tmp_path):
    (tmp_path / "not-a-model").mkdir()
    with pytest.raises(TrainingError, match="no config.json"):
        training.start_run(settings, "v1", str(tmp_path / "not-a-model"), TrainParams(max_steps=1))
    _assert_failed_cleanly(settings, blobs, "no config.json")


def test_chat_format_without_a_template_fails_the_run(settings, db, blobs, version, tiny_plain_base):
    with pytest.raises(TrainingError, match="no chat template"):
        training.start_run(settings, "v1", str(tiny_plain_base), TrainParams(max_steps=1, prompt_format="chat"))
    _assert_failed_cleanly(settings, blobs, "no chat template")


def test_qlora_without_cuda_says_so(settings, db, blobs, version, tiny_base):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(TrainingError, match="QLoRA needs a CUDA GPU"):
        training.start_run(settings, "v1", str(tiny_base), TrainParams(method="qlora", max_steps=1))
    _assert_failed_cleanly(settings, blobs, "QLoRA needs a CUDA GPU")


def test_a_nan_loss_stops_the_run(settings, db, blobs, version, tiny_base):
    params = TrainParams(method="full", max_steps=20, learning_rate=1e30, max_grad_norm=0.0, warmup_ratio=0.0)
    with pytest.raises(TrainingError, match="loss became NaN"):
        training.start_run(settings, "v1", str(tiny_base), params)
    _assert_failed_cleanly(settings, blobs, "loss became NaN")


def test_a_full_disk_while_storing_artifacts_registers_nothing(settings, db, blobs, version, tiny_base, monkeypatch):
    real_put_file = LocalBlobStore.put_file
    calls = {"n": 0}

    def put_file(self, key, path):  # the third file fills the disk
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_put_file(self, key, path)

    monkeypatch.setattr(LocalBlobStore, "put_file", put_file)
    with pytest.raises(TrainingError, match="the disk is full"):
        training.start_run(settings, "v1", str(tiny_base), TrainParams(max_steps=2, eval_limit=0))
    _assert_failed_cleanly(settings, blobs, "the disk is full")


def test_the_training_tables_come_from_their_migration(db):
    assert "m050_training_runs" in [r["name"] for r in db["_sqlite_migrations"].rows]
    assert db["training_runs"].pks == ["id"] and db["training_metrics"].pks == ["run_id", "step"]
