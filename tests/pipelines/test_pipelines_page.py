"""The Pipelines page under AppTest: counts between the parts, a run's steps, bad input, a start."""

from __future__ import annotations

from hisolver_core import labeling, pipelines
from hisolver_core.auth import Role
from hisolver_core.pipelines.records import update_step
from tests.pagetest import open_page


def _metric(at, label: str):
    return next(m.value for m in at.metric if m.label == label)


def test_students_cannot_open_it(env):
    env.setenv("HISOLVER_ADMIN_PASSWORD", "s3cret")
    at = open_page("pipelines", Role.STUDENT)
    assert not at.button and "Pipelines" not in [t.value for t in at.title]


def test_it_shows_the_label_queue_and_a_runs_steps_with_lineage(env, settings, db, make_snippets):
    ids = make_snippets(4)
    labeling.save_label(db, "ann", ids[0], "a circle grows")
    run_id = pipelines.start_pipeline(settings, "part1", pipelines.part1_params(source="/tmp/x"))
    update_step(db, run_id, "collect", status="succeeded", seconds=2.0, job_id=None)
    update_step(db, run_id, "extract", status="failed", error="disk full")
    db["pipeline_runs"].update(run_id, {"status": "failed", "error": "step extract failed: disk full",
                                        "snippets_waiting": 3})  # fmt: skip
    db.conn.commit()
    at = open_page("pipelines")
    assert _metric(at, "Snippets waiting for labels") == "3"
    assert _metric(at, "Labels ready for part 2") == "1"
    assert any("step extract failed: disk full" in e.value for e in at.error)
    table = at.dataframe[0].value
    assert list(table["step"]) == ["collect", "extract", "render-check", "export"]
    assert list(table["status"]) == ["succeeded", "failed", "pending", "pending"]
    assert "snippets waiting for labels" in " ".join(m.value for m in at.markdown)


def test_part2_without_labels_says_so_and_starts_nothing(env, db):
    at = open_page("pipelines")
    at.text_input(key="pl2_base").set_value("./tiny")
    at.button(key="pl2_go").click().run()
    assert any("needs labels and there are none yet" in e.value for e in at.error)
    assert db["pipeline_runs"].count == 0


def test_part1_starts_as_a_job_and_its_progress_shows(env, db, tmp_path):
    folder = tmp_path / "empty-repo"
    folder.mkdir()
    at = open_page("pipelines")
    at.text_input(key="pl1_source").set_value(str(folder))
    at.button(key="pl1_go").click().run()
    assert not at.exception, at.exception
    assert any("Run 1 started" in s.value for s in at.success)
    run = pipelines.get_run(db, 1)
    assert run["part"] == "part1" and run["job_id"] and run["params"]["source"] == str(folder)
    from hisolver_core.config import load_settings
    from hisolver_core.jobs import wait_job

    final = wait_job(load_settings(), run["job_id"], timeout_s=120)
    assert final["kind"] == "pipeline"
