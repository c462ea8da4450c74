"""``hisolver pipeline`` for real: part 1 on fixture files, each step a local job; a killed step and resume."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hisolver_core import pipelines
from hisolver_core.blobs import open_blob_store
from hisolver_core.cli import main as cli
from hisolver_core.jobs import get_job, wait_job

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent.parent / "collection" / "fixtures"


@pytest.fixture
def repo(tmp_path) -> Path:
    """A folder of fixture Manim files (.py), as a repository on disk."""
    folder = tmp_path / "scenes"
    folder.mkdir()
    for name in ("inheritance.py.txt", "duplicate_a.py.txt", "duplicate_b.py.txt", "old_lib.py.txt"):
        shutil.copy(FIXTURES / name, folder / name.removesuffix(".txt"))
    return folder


def test_part1_runs_each_step_as_a_job_and_fills_processed(env, settings, db, repo):
    result = CliRunner().invoke(cli, ["pipeline", "part1", "--source", str(repo), "--render-limit", "1", "--json"])
    assert result.exit_code == 0, result.output
    run = json.loads(result.stdout.strip().splitlines()[-1])
    assert run["status"] == "succeeded" and [s["status"] for s in run["steps"]] == ["succeeded"] * 4
    jobs = [get_job(db, s["job_id"]) for s in run["steps"]]
    assert [j["kind"] for j in jobs] == ["collect", "extract", "render-check", "export"]
    assert all(j["status"] == "succeeded" for j in jobs)
    assert run["steps"][0]["output"]["files"] == 4  # the collect command's own JSON line
    exported = list(open_blob_store(settings).list("processed/"))
    assert exported and len(exported) == run["steps"][3]["output"]["exported"]
    assert run["snippets_waiting"] == run["steps"][3]["output"]["waiting_for_labels"]
    listed = CliRunner().invoke(cli, ["pipeline", "list"])
    assert f"{run['id']:>4} part1 local  succeeded  4/4 steps" in listed.output


def _wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_a_killed_step_stops_the_run_and_resume_reuses_the_finished_steps(env, settings, db, repo):
    started = pipelines.launch_pipeline(settings, "part1", pipelines.part1_params(source=str(repo), render_limit=1))
    run_id = started["run"]

    def extract_job_pid():
        step = pipelines.get_run(db, run_id)["steps"][1]
        if step["job_id"]:
            job = get_job(db, step["job_id"])
            return job["status"] == "running" and job["pid"] and (step["job_id"], job["pid"])
        return None

    job_id, pid = _wait_for(extract_job_pid)
    os.killpg(int(pid), signal.SIGKILL)  # the extract step's process group dies mid-run
    assert wait_job(settings, started["job"], timeout_s=120)["status"] == "failed"
    run = pipelines.get_run(db, run_id)
    assert run["status"] == "failed" and "step extract failed" in run["error"]
    assert [s["status"] for s in run["steps"]] == ["succeeded", "failed", "pending", "pending"]
    collect_job = run["steps"][0]["job_id"]

    result = CliRunner().invoke(cli, ["pipeline", "resume", str(run_id), "--json"])
    assert result.exit_code == 0, result.output
    run = json.loads(result.stdout.strip().splitlines()[-1])
    assert run["status"] == "succeeded"
    assert run["steps"][0]["job_id"] == collect_job  # collect was not run again
    assert run["steps"][1]["job_id"] != job_id  # extract was
