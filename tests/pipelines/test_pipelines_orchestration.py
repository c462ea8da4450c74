"""The orchestrator with fast stand-in steps: order, stop on failure, resume, lineage, deploy gate, bad input."""

from __future__ import annotations

from contextlib import closing

import pytest

from hisolver_core import labeling, models, pipelines
from hisolver_core.db import open_db
from hisolver_core.pipelines import PipelineError, PipelineStepFailed, StepResult
from hisolver_core.pipelines.gate import decide
from hisolver_core.pipelines.records import update_run


def _write_adapter(blobs, run: str) -> dict[str, str]:
    blobs.put(f"models/{run}/adapter/adapter_config.json", b"{}")
    return {"adapter": f"models/{run}/adapter/"}


def register(db, blobs, run: str, render: float | None, dataset: str = "v1") -> str:
    metrics = {} if render is None else {"render_success": render}
    return models.register_model(db, blobs, run_id=run, base_model="tiny", dataset_version=dataset,
                                 artifact_uri=f"models/{run}/", artifacts=_write_adapter(blobs, run),
                                 metrics=metrics)["name"]  # fmt: skip


class StandIn:
    """A step runner that runs nothing: it records each call and answers from a table of functions."""

    def __init__(self, answers: dict | None = None) -> None:
        self.calls: list[tuple[str, list[str]]] = []
        self.answers = answers or {}
        self.next_job = 100

    def run(self, step, args, on_job):
        self.calls.append((step.name, args))
        self.next_job += 1
        on_job(self.next_job)
        answer = self.answers.get(step.name, {"ok": True})
        result = answer(args) if callable(answer) else answer
        if isinstance(result, StepResult):
            return result
        return StepResult(result.get("ok", True), result.get("output", {}), result.get("error", ""), self.next_job)


@pytest.fixture
def labelled(db, make_snippets):
    """Twenty submitted labels: enough for a split with the default validation fraction."""
    for sid in make_snippets(20):
        labeling.save_label(db, "ann", sid, f"draw circle number {sid}")
    return db


def part1(settings, **kw):
    return pipelines.start_pipeline(settings, "part1", pipelines.part1_params(**kw))


def part2(settings, name="v9", reuse=False):
    return pipelines.start_pipeline(settings, "part2", pipelines.part2_params(name, "tiny", reuse_dataset=reuse))


def test_part1_runs_its_steps_in_order_with_their_commands(settings, db):
    runner = StandIn({"export": {"output": {"exported": 5, "waiting_for_labels": 3}}})
    run_id = part1(settings, query="manim", max_repos=7)
    run = pipelines.run_pipeline(settings, run_id, runner)
    assert [name for name, _ in runner.calls] == ["collect", "extract", "render-check", "export"]
    assert runner.calls[0][1] == ["collect", "github", "--query", "manim", "--max-repos", "7", "--json"]
    assert run["status"] == "succeeded" and run["snippets_waiting"] == 3
    assert [s["status"] for s in run["steps"]] == ["succeeded"] * 4
    assert [s["job_id"] for s in run["steps"]] == [101, 102, 103, 104]
    assert all(s["seconds"] is not None and s["started_at"] for s in run["steps"])


def test_a_failed_step_stops_the_run_with_its_error(settings, db):
    runner = StandIn({"extract": {"ok": False, "error": "disk full"}})
    run_id = part1(settings, source="/tmp/x")
    with pytest.raises(PipelineStepFailed, match="step extract failed: disk full"):
        pipelines.run_pipeline(settings, run_id, runner)
    run = pipelines.get_run(db, run_id)
    assert [name for name, _ in runner.calls] == ["collect", "extract"]
    assert run["status"] == "failed" and "disk full" in run["error"]
    assert [s["status"] for s in run["steps"]] == ["succeeded", "failed", "pending", "pending"]
    assert run["steps"][1]["error"] == "disk full"


def test_resume_continues_at_the_first_unfinished_step_and_reuses_outputs(settings, labelled, blobs):
    model = register(labelled, blobs, "run-1", 0.5, dataset="v9")
    first = StandIn({"dataset": {"output": {"name": "v9"}},
                     "train": {"output": {"run": "run-1", "model": model}},
                     "deploy": {"ok": False, "error": "killed"}})  # fmt: skip
    run_id = part2(settings)
    with pytest.raises(PipelineStepFailed):
        pipelines.run_pipeline(settings, run_id, first)
    again = StandIn({"deploy": {"output": {"decision": "deploy", "reason": "no production model yet"}}})
    run = pipelines.resume_pipeline(settings, run_id, again)
    # only the deploy step ran again, with the model the finished train step produced
    assert again.calls == [("deploy", ["pipeline", "deploy", "--model", model, "--target", "local", "--json"])]
    assert run["status"] == "succeeded"
    assert (run["dataset_version"], run["training_run"], run["model"]) == ("v9", "run-1", model)
    assert (run["deploy_decision"], run["deploy_reason"]) == ("deploy", "no production model yet")


def test_a_succeeded_run_is_not_run_again(settings, db):
    run_id = part1(settings)
    pipelines.run_pipeline(settings, run_id, StandIn())
    with pytest.raises(PipelineError, match="already succeeded"):
        pipelines.resume_pipeline(settings, run_id, StandIn())


def test_a_run_whose_process_died_is_failed_and_resumable(settings, db):
    run_id = part1(settings)
    update_run(db, run_id, status="running", pid=2**22 + 12345)  # no such process
    db.execute("UPDATE pipeline_steps SET status = 'running' WHERE run_id = ? AND name = 'collect'", [run_id])
    db.conn.commit()
    assert pipelines.reap_lost_runs(db) == [run_id]
    run = pipelines.get_run(db, run_id)
    assert run["status"] == "failed" and "resume" in run["error"] and run["steps"][0]["status"] == "failed"
    runner = StandIn()
    assert pipelines.resume_pipeline(settings, run_id, runner)["status"] == "succeeded"
    assert runner.calls[0][0] == "collect"


def test_part2_steps_use_the_dataset_and_the_trained_model(settings, labelled, blobs):
    def train(args):
        return {"output": {"run": "r-7", "model": register(labelled, blobs, "r-7", 0.4, dataset="v9")}}

    def deploy(args):
        return {"output": pipelines.deploy_if_better(settings, model=args[args.index("--model") + 1])}

    runner = StandIn({"dataset": {"output": {"name": "v9"}}, "train": train, "deploy": deploy})
    run = pipelines.run_pipeline(settings, part2(settings), runner)
    assert runner.calls[0][1] == ["dataset", "create", "v9", "--json"]
    assert runner.calls[1][1][:6] == ["train", "start", "--dataset", "v9", "--base-model", "tiny"]
    assert run["deploy_decision"] == "deploy" and "no production model yet" in run["deploy_reason"]
    with closing(open_db(settings)) as db:
        assert models.production_model(db)["name"] == run["model"]


@pytest.mark.parametrize(
    ("production", "new", "margin", "decision", "words"),
    [
        (None, 0.3, 0.0, "deploy", "no production model yet"),
        (0.5, 0.6, 0.0, "deploy", "better, deployed"),
        (0.5, 0.5, 0.0, "keep", "not better"),
        (0.5, 0.55, 0.1, "keep", "not better by more than the margin"),
        (0.5, 0.7, 0.1, "deploy", "better, deployed"),
        (0.5, None, 0.0, "keep", "no render_success metric"),
    ],
)
def test_the_deploy_gate(db, blobs, production, new, margin, decision, words):
    if production is not None:
        models.promote_model(db, register(db, blobs, "old", production))
    name = register(db, blobs, "new", new)
    verdict = decide(db, name, margin)
    assert verdict.decision == decision and words in verdict.reason
    assert verdict.margin == margin


def test_the_gate_leaves_production_alone_when_the_new_model_is_worse(settings, db, blobs):
    old = register(db, blobs, "old", 0.8)
    models.promote_model(db, old)
    new = register(db, blobs, "new", 0.6)
    result = pipelines.deploy_if_better(settings.replace(pipeline_deploy_margin=0.0), model=new)
    assert result["deployed"] is False and result["production"] == old
    assert "80.0%" in result["reason"] and "60.0%" in result["reason"]
    assert models.production_model(db)["name"] == old


def test_the_deploy_step_finds_the_newest_model_of_a_dataset(settings, db, blobs):
    register(db, blobs, "a", 0.2, dataset="v1")
    newest = register(db, blobs, "b", 0.3, dataset="v1")
    assert pipelines.deploy_if_better(settings, dataset="v1")["model"] == newest
    with pytest.raises(PipelineError, match="no registered model was trained on dataset version 'v2'"):
        pipelines.deploy_if_better(settings, dataset="v2")


def _runs(db) -> int:
    return db["pipeline_runs"].count


def test_part2_without_labels_is_refused_before_anything_is_made(settings, db, make_snippets):
    make_snippets(3)
    with pytest.raises(PipelineError, match="there are none yet: 3 snippets wait"):
        part2(settings)
    assert _runs(db) == 0 and db["dataset_versions"].count == 0


def test_part2_with_too_few_labels_to_split_is_refused(settings, db, make_snippets):
    labeling.save_label(db, "ann", make_snippets(1)[0], "one circle")
    with pytest.raises(PipelineError, match="too few labels to split: 1 labels give"):
        part2(settings)
    assert _runs(db) == 0 and db["dataset_versions"].count == 0


def test_part2_refuses_an_unknown_or_taken_dataset_version(settings, labelled):
    with pytest.raises(PipelineError, match="there is no dataset version 'nope'"):
        part2(settings, "nope", reuse=True)
    from hisolver_core.datasets import create_version

    create_version(settings, "v1")
    with pytest.raises(PipelineError, match="'v1' already exists: pass --dataset v1"):
        part2(settings, "v1")
    assert _runs(labelled) == 0
    run_id = part2(settings, "v1", reuse=True)
    args = pipelines.steps_of("part2")[0].args(pipelines.get_run(labelled, run_id)["params"])
    assert args == ["dataset", "show", "v1", "--json"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: pipelines.part1_params(max_repos=-1), "must be 0"),
        (lambda: pipelines.part1_params(query="  "), "needs a GitHub search"),
        (lambda: pipelines.part2_params("v1", " ", reuse_dataset=False), "needs a base model"),
        (lambda: pipelines.steps_of("part3"), "unknown pipeline 'part3'"),
    ],
)
def test_bad_parameters_say_what_to_do(call, message):
    with pytest.raises(PipelineError, match=message):
        call()


def test_the_step_graph_is_a_chain_coloured_by_status(settings, db):
    run_id = part1(settings)
    with pytest.raises(PipelineStepFailed):
        pipelines.run_pipeline(settings, run_id, StandIn({"render-check": {"ok": False, "error": "x"}}))
    dot = pipelines.step_graph(pipelines.get_run(db, run_id))
    assert '"collect" -> "extract";' in dot and '"render-check" -> "export";' in dot
    assert 'label="render-check\\nfailed' in dot and "#ef9a9a" in dot and 'label="export\\npending"' in dot


def test_a_deploy_that_fails_leaves_production_unchanged(settings, db, blobs):
    from hisolver_core.errors import HiSolverError

    name = register(db, blobs, "new", 0.9)  # its base model "tiny" is no local folder: it cannot serve here
    with pytest.raises(HiSolverError):
        pipelines.deploy_if_better(settings, model=name, target="local")
    assert models.production_model(db) is None
    assert db["deployments"].count_where("status = 'active'") == 0
