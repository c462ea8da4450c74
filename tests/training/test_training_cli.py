"""``hisolver train``: the foreground JSON line, list/show/eval, and a SIGKILLed run resumed to the end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hisolver_core.cli import main
from hisolver_core.training import get_run, run_metrics

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_start_ends_with_one_json_line_and_list_show_eval_read_it(env, settings, version, tiny_base):
    result = _cli(
        "train",
        "start",
        "--dataset",
        "v1",
        "--base-model",
        str(tiny_base),
        "--max-steps",
        "4",
        "--eval-limit",
        "1",
        "--lora-r",
        "4",
        "--no-merge",
        "--max-new-tokens",
        "32",
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    final = json.loads(lines[-1])
    assert {"run", "status", "metrics", "artifacts", "model"} <= final.keys() and final["status"] == "succeeded"
    assert final["model"] == "hisolver-manim-v1" and "merged" not in final["artifacts"]
    assert final["artifacts"]["adapter"] == f"models/{final['run']}/adapter/"
    assert len(lines) == 1  # nothing else on stdout: progress goes to stderr
    assert "step 4/4" in result.stderr
    listed = json.loads(_cli("train", "list", "--json").stdout)
    assert [r["id"] for r in listed] == [final["run"]]
    shown = json.loads(_cli("train", "show", final["run"], "--json").stdout)
    assert shown["params"]["lora_r"] == 4 and [s["step"] for s in shown["steps"] if s["loss"] is not None][-1] == 4
    table = _cli("train", "eval", final["run"]).stdout
    assert "render success" in table and "perplexity" in table
    assert final["run"] in _cli("train", "list").stdout


def test_a_failed_start_still_ends_with_a_json_line_and_exits_1(env, settings, version, tmp_path):
    result = CliRunner().invoke(main, ["train", "start", "--dataset", "v1", "--base-model", str(tmp_path)])
    assert result.exit_code == 1
    final = json.loads(result.stdout.strip().splitlines()[-1])
    assert final["status"] == "failed" and "no config.json" in final["error"] and final["model"] is None
    assert "no config.json" in result.stderr and "Traceback" not in result.output


def test_unknown_runs_are_named(env, settings):
    result = CliRunner().invoke(main, ["train", "show", "run-nope"])
    assert result.exit_code == 1 and "no training run 'run-nope'" in result.output


def _hisolver(settings, *args: str, **kwargs) -> subprocess.Popen:
    environment = {
        **os.environ,
        "HISOLVER_DATA_DIR": str(settings.data_dir),
        "HF_HUB_OFFLINE": "1",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "hisolver_core.cli", *args],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


@pytest.mark.slow
def test_sigkill_mid_run_then_resume_reaches_the_same_final_step(settings, db, version, tiny_base):
    steps = 150
    proc = _hisolver(
        settings,
        "train",
        "start",
        "--dataset",
        "v1",
        "--base-model",
        str(tiny_base),
        "--max-steps",
        str(steps),
        "--save-steps",
        "10",
        "--eval-limit",
        "0",
        "--no-merge",
    )
    deadline = time.monotonic() + 120
    checkpoints = None
    while time.monotonic() < deadline and proc.poll() is None:
        found = list((settings.data_dir / "training").glob("run-*/checkpoints/checkpoint-20/trainer_state.json"))
        if found:
            checkpoints = found[0].parents[1]
            break
        time.sleep(0.02)
    assert checkpoints is not None, proc.communicate()[1][-2000:]
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    run_id = checkpoints.parent.name
    killed_at = get_run(db, run_id)["step"]
    assert killed_at < steps and get_run(db, run_id)["status"] == "running"

    resumed = _hisolver(settings, "train", "resume", run_id)
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err[-2000:]
    final = json.loads(out.strip().splitlines()[-1])
    assert final["status"] == "succeeded" and final["metrics"]["steps"] == steps
    assert "resuming from checkpoint-" in err
    run = get_run(db, run_id)
    assert run["status"] == "succeeded" and run["step"] == steps and run["model"] == final["model"]
    logged = [m["step"] for m in run_metrics(db, run_id) if m["loss"] is not None]
    assert logged[-1] == steps and len(set(logged)) == len(logged)


def test_a_jobs_arguments_rebuild_the_same_parameters():
    from hisolver_core.cli.train_cmd import params_from_options, start_cmd
    from hisolver_core.training import TrainParams
    from hisolver_core.training.launch import start_args

    params = TrainParams(
        method="full",
        max_steps=7,
        learning_rate=1e-3,
        merge=False,
        packing=True,
        lora_r=4,
        target_modules="q_proj,v_proj",
        eval_limit=0,
    )
    args = start_args("v1", "/models/tiny", params)
    assert args[:6] == ("train", "start", "--dataset", "v1", "--base-model", "/models/tiny")
    ctx = start_cmd.make_context("start", list(args[2:]))
    assert params_from_options(ctx.params) == params
