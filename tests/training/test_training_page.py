"""The Train page under AppTest: empty states, a finished run's curves, table, card and samples, two runs compared."""

from __future__ import annotations

from hisolver_core.db import open_db
from hisolver_core.training.runs import create_run, record_metrics, update_run
from tests.pagetest import open_page


def _frame(at, column: str):
    """The first table on the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_without_versions_or_runs_the_page_says_what_to_do(env, settings, db):
    at = open_page("train")
    assert at.title[0].value == "Train"
    text = " ".join(i.value for i in at.info)
    assert "No dataset versions yet" in text and "No training runs yet" in text


def test_the_form_offers_versions_with_their_counts(env, settings, version):
    at = open_page("train")
    box = at.selectbox(key="train_dataset")
    assert box.options == [f"v1 ({version['counts']['train']} train / {version['counts']['val']} val)"]
    assert at.radio(key="train_method").options == ["lora", "qlora", "full"]


def test_a_finished_run_shows_curves_before_after_card_and_a_rendered_sample(full_run, monkeypatch, tmp_path):
    settings, result = full_run
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(settings.data_dir))
    monkeypatch.chdir(tmp_path)
    at = open_page("train")
    assert at.selectbox(key="train_run").value == result["run"]
    table = _frame(at, "render success")
    assert table.loc[0, "status"] == "succeeded" and table.loc[0, "render success"] == 1.0
    before_after = _frame(at, "this run")
    assert list(before_after["this run"])[:1] == [1.0] and list(before_after["base model"])[:1] == [0.0]
    assert len(at.get("vega_lite_chart")) >= 3  # loss, learning rate, gradient norm at least
    markdown = " ".join(m.value for m in at.markdown)
    assert "Before and after" in markdown and "hyper-parameters".lower() in markdown.lower()
    assert at.code and "class Scene" in at.code[0].value
    assert len(at.get("image")) >= 1  # the rendered sample's poster


def test_two_runs_are_compared_side_by_side(full_run, monkeypatch, tmp_path):
    settings, result = full_run
    db = open_db(settings)
    try:
        other = "run-20000101-000000-beef"
        if not list(db["training_runs"].rows_where("id = ?", [other])):
            create_run(
                db,
                other,
                dataset_version="v1",
                base_model="x",
                method="lora",
                params={"learning_rate": 1e-4},
                job_id=None,
            )
            for step in (1, 2, 3):
                record_metrics(db, other, step, {"loss": 4.0 - step, "learning_rate": 1e-4})
            update_run(
                db,
                other,
                status="failed",
                error="the loss became NaN at step 3",
                step=3,
                max_steps=10,
                created_at="2000-01-01T00:00:00+00:00",
            )
    finally:
        db.close()
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(settings.data_dir))
    monkeypatch.chdir(tmp_path)
    at = open_page("train")
    at.selectbox(key="train_cmp_a").set_value(other)
    at.selectbox(key="train_cmp_b").set_value(result["run"])
    at.run()
    assert not at.exception
    frame = _frame(at, "metric")
    row = frame[frame["metric"] == "render_success"].iloc[0]
    assert row[result["run"]] == "1.0" and row[other] == "-"
    assert any(frame["metric"] == "param learning_rate")
    at.selectbox(key="train_run").set_value(other)
    at.run()
    assert any("loss became NaN" in e.value for e in at.error)


def test_start_submits_a_train_job_and_shows_its_panel(env, settings, version, tiny_base):
    at = open_page("train")
    at.text_input(key="train_base").set_value(str(tiny_base))
    at.number_input(key="train_max_steps").set_value(2)
    at.number_input(key="train_eval_limit").set_value(0)
    at.button(key="train_start").click()
    at.run()
    assert not at.exception
    job_id = at.session_state["train_job"]
    assert any(f"Job {job_id} submitted" in s.value for s in at.success)
    db = open_db(settings)
    try:
        job = db["jobs"].get(job_id)
    finally:
        db.close()
    assert job["kind"] == "train" and "--max-steps" in job["spec"] and str(tiny_base) in job["spec"]
