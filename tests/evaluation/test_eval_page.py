"""The Evaluate page through AppTest: run on an uploaded-style file and on a bundled one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.pagetest import open_page


def finish_eval(at) -> dict:
    """Wait for the evaluation job the page launched, rerun the page, return the job's row."""
    from hisolver_core.config import load_settings
    from hisolver_core.jobs import wait_job

    row = wait_job(load_settings(), at.session_state["hisolver_job_eval"], timeout_s=300, poll_s=0.2)
    at.run()
    assert not at.exception, at.exception
    return row


def test_page_runs_a_bundled_file_and_shows_wrong_items(env, tmp_path):
    data = tmp_path / "bundle"
    data.mkdir()
    rows = [
        {"passage": "", "question": "Solve $2x + 1 = 7$ for $x$.", "options": ["(A)3", "(B)4"], "label": "A"},
        {"passage": "", "question": "What is $3 + 4$?", "options": ["(A)7", "(B)8"], "label": "B"},
        {"passage": "", "question": "How old is the farmer?", "options": ["(A)7", "(B)8"], "label": "A"},
    ]
    (data / "sat_small.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    env.setenv("HISOLVER_EVAL_DATA_DIR", str(data))
    at = open_page("evaluate")
    options = at.selectbox(key="eval_source").options
    assert options[0] == "sat_small.jsonl" and options[-1] == "Upload a JSONL file..."
    # the project's own SAT-style sets are always offered after the configured folder's files
    assert {"sat_style_dev.jsonl", "sat_style_fresh.jsonl", "sat_traps.jsonl"} <= set(options)
    assert at.selectbox(key="eval_format_sat_small.jsonl").value == "agieval"
    at.button(key="eval_run").click().run()
    assert not at.exception, at.exception
    row = finish_eval(at)
    assert row["kind"] == "evaluate" and row["status"] == "succeeded" and json.loads(row["metrics"])["total"] == 3
    assert any("evaluate · succeeded" in s.value for s in at.success)
    labels = {m.label: m.value for m in at.metric}
    assert (labels["Problems"], labels["Answered"], labels["Correct"]) == ("3", "2", "1")
    assert any(s.value == "Wrong answers (1)" for s in at.subheader)
    assert at.dataframe[-1].value["expected"].tolist() == ["B"]


def test_page_with_shared_data(env):
    at = open_page("evaluate")
    options = at.selectbox(key="eval_source").options
    assert options[-1].startswith("Upload")
    if "math500_test.jsonl" not in options:
        pytest.skip("shared data not present")
    at.selectbox(key="eval_source").select("math500_test.jsonl").run()
    assert at.selectbox(key="eval_format_math500_test.jsonl").value == "math"
    at.number_input(key="eval_limit").set_value(10).run()
    at.button(key="eval_run").click().run()
    assert not at.exception, at.exception
    finish_eval(at)
    labels = {m.label: m.value for m in at.metric}
    assert labels["Problems"] == "10"
    assert any(s.value == "By topic" for s in at.subheader)
    assert any(s.value.startswith("Wrong answers") for s in at.subheader)
    assert any(s.value == "Recent solves" for s in at.subheader)


def test_page_shows_recent_solve_statistics(env, settings):
    from hisolver_core.solving import solve_and_record

    open_page_before = open_page("evaluate")
    assert any("No solves recorded yet" in i.value for i in open_page_before.info)
    for problem in ["Solve 2x + 3 = 7.", "What is 20% of 150?", "Write a poem."]:
        solve_and_record(settings, problem)
    at = open_page("evaluate")
    labels = {m.label: m.value for m in at.metric}
    assert (labels["Solves"], labels["Solved"], labels["Verified"]) == ("3", "2", "2")
    assert labels["Steps p50"].endswith(" s") and labels["Video p50"] == "–"


def test_an_uploaded_file_is_kept_once_and_runs(env, settings, tmp_path):
    import tempfile

    rows = [{"passage": "", "question": "Solve $2x + 1 = 7$ for $x$.", "options": ["(A)3", "(B)4"], "label": "A"}]
    env.setenv("HISOLVER_EVAL_DATA_DIR", str(tmp_path / "nothing-configured"))
    leaks_before = set(Path(tempfile.gettempdir()).glob("hisolver-eval-*"))
    at = open_page("evaluate")
    at.selectbox(key="eval_source").select("Upload a JSONL file...").run()
    at.file_uploader(key="eval_upload").upload("aqua_mine.jsonl", "\n".join(json.dumps(r) for r in rows).encode()).run()
    assert at.selectbox(key="eval_format_upload_aqua_mine.jsonl").value == "aqua"  # guessed from the file's name
    at.selectbox(key="eval_format_upload_aqua_mine.jsonl").select("agieval").run()
    at.number_input(key="eval_limit").set_value(5).run()  # reruns with the file still uploaded
    at.button(key="eval_run").click().run()
    assert not at.exception, at.exception
    assert finish_eval(at)["status"] == "succeeded"  # the job read the kept file
    assert {m.label: m.value for m in at.metric}["Correct"] == "1"
    uploads = list((settings.data_dir / "cache" / "eval-uploads").iterdir())
    assert len(uploads) == 1 and uploads[0].suffix == ".jsonl"
    assert set(Path(tempfile.gettempdir()).glob("hisolver-eval-*")) == leaks_before
