"""``hisolver jobs ...`` and ``--background`` on the long subcommands, through the real CLI."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from hisolver_core.cli import main
from hisolver_core.cli.common import command_args, job_options, maybe_submit
from hisolver_core.jobs import find_job, wait_job


def hisolver(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def test_background_prints_the_job_id_last_and_the_job_runs_the_same_command(env, settings, tmp_path):
    folder = tmp_path / "scenes"
    folder.mkdir()
    (folder / "a.py").write_text("from manim import *\n")
    result = hisolver("collect", "local", str(folder), "--name", "demo", "--background")
    assert result.exit_code == 0, result.output
    job_id = int(result.stdout.strip().splitlines()[-1])
    row = find_job(settings, job_id)
    assert json.loads(row["spec"])["args"] == ["collect", "local", "--name", "demo", str(folder.resolve())]
    assert wait_job(settings, job_id, timeout_s=60, poll_s=0.1)["status"] == "succeeded"

    listed = json.loads(hisolver("jobs", "list", "--json").stdout.splitlines()[-1])
    assert listed[0]["id"] == job_id and {"id", "kind", "runner", "status", "progress"} <= set(listed[0])
    assert listed[0] == {**listed[0], "kind": "collect", "runner": "local", "status": "succeeded", "progress": 1.0}
    shown = json.loads(hisolver("jobs", "show", str(job_id), "--json").stdout.splitlines()[-1])
    assert shown["params"] == {"source": "local", "path": str(folder), "name": "demo"}
    assert shown["metrics"]["files"] == 1 and shown["exit_code"] == 0  # the command's result, kept on the row
    assert "files: 1" in hisolver("jobs", "logs", str(job_id)).stdout
    assert "files: 1" in hisolver("jobs", "logs", str(job_id), "--follow").stdout

    retried = hisolver("jobs", "retry", str(job_id))
    new_id = int(retried.stdout.strip().splitlines()[-1])
    assert wait_job(settings, new_id, timeout_s=60, poll_s=0.1)["retry_of"] == job_id


@pytest.mark.parametrize(
    "args, message",
    [
        (["jobs", "show", "99"], "there is no job 99"),
        (["jobs", "cancel", "99"], "there is no job 99"),
        (["jobs", "retry", "99"], "there is no job 99"),
        (["jobs", "logs", "99"], "there is no job 99"),
        (["extract", "--background", "--runner", "mars"], "Invalid value for '--runner'"),
        (["extract", "--runner", "vertex"], "HISOLVER_VERTEX_IMAGE"),
    ],
)
def test_bad_input_is_one_clear_line(env, args, message):
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output
    assert json.loads(hisolver("jobs", "list", "--json").stdout.splitlines()[-1]) == []


def test_cancel_of_a_finished_job_says_so(env, settings):
    job_id = int(hisolver("jobs", "selftest", "--seconds", "0.1", "--background").stdout.split()[-1])
    wait_job(settings, job_id, timeout_s=60, poll_s=0.1)
    result = CliRunner().invoke(main, ["jobs", "cancel", str(job_id)])
    assert result.exit_code == 1 and "already finished (succeeded)" in result.output


def test_command_args_rebuild_the_invocation_without_job_options(env):
    seen: dict = {}

    @click.group()
    def root() -> None:
        pass

    @root.command("work")
    @click.argument("paths", nargs=-1)
    @click.option("--limit", type=int, default=0)
    @click.option("--retry-failed", is_flag=True)
    @click.option("--tag", multiple=True)
    @click.option("--export/--no-export", default=True)
    @job_options
    def work(paths, limit, retry_failed, tag, export) -> None:
        seen["args"] = command_args(click.get_current_context())
        seen["submitted"] = maybe_submit("work")

    CliRunner().invoke(
        root,
        [
            "work",
            "--limit",
            "3",
            "--tag",
            "x",
            "--tag",
            "y",
            "--no-export",
            "--",
            "a",
            "-b",
        ],
        catch_exceptions=False,
    )
    assert seen == {
        "args": ["work", "--limit", "3", "--tag", "x", "--tag", "y", "--no-export", "--", "a", "-b"],
        "submitted": None,
    }


def test_eval_in_the_background_checks_its_backend_first_then_records_metrics(env, settings, tmp_path):
    data = tmp_path / "sat.jsonl"
    data.write_text(
        json.dumps({"passage": "", "question": "What is $3 + 4$?", "options": ["(A)7", "(B)8"], "label": "A"}) + "\n"
    )
    bad = CliRunner().invoke(
        main, ["eval", "--dataset", str(data), "--format", "agieval", "--backend", "nope", "--background"]
    )
    assert bad.exit_code != 0 and "unknown backend 'nope'" in bad.output
    assert json.loads(hisolver("jobs", "list", "--json").stdout.splitlines()[-1]) == []
    result = hisolver("eval", "--dataset", str(data), "--format", "agieval", "--background")
    row = wait_job(settings, int(result.stdout.split()[-1]), timeout_s=120, poll_s=0.1)
    assert row["kind"] == "evaluate" and row["status"] == "succeeded"
    assert json.loads(row["metrics"])["total"] == 1
