"""The Datasets page through AppTest: create, list, charts, immutability message, diff."""

from __future__ import annotations

from hisolver_core import datasets, labeling
from tests.pagetest import open_page


def test_empty_page_explains_what_to_do(env):
    at = open_page("datasets")
    assert any("No dataset versions yet" in i.value for i in at.info)


def test_create_list_charts_and_refuse_a_taken_name(env, settings, db, make_snippets):
    ids = make_snippets(4)
    label_ids = [labeling.save_label(db, "ada", s, f"Plot the graph of y = {s}x") for s in ids]
    labeling.review_label(db, label_ids[0], "approve", "grace")
    at = open_page("datasets")
    at.text_input(key="ds_name").input("v1")
    at.checkbox(key="ds_approved_only").uncheck()
    at.button(key="ds_create").click().run()
    assert not at.exception, at.exception
    assert any("Created v1" in s.value for s in at.success)
    assert {m.label: m.value for m in at.metric}["Labels"] == "4"
    assert len(at.get("vega_lite_chart")) == 4  # two length histograms, dialect and topic mix
    assert at.dataframe[0].value["name"].tolist() == ["v1"]

    at.text_input(key="ds_name").input("v1")
    at.button(key="ds_create").click().run()
    assert any("already exists" in e.value for e in at.error)
    assert datasets.read_manifest(settings, "v1")["counts"]["labels"] == 4  # untouched


def test_diff_view(env, settings, db, make_snippets):
    ids = make_snippets(3)
    label_ids = [labeling.save_label(db, "ada", s, f"Draw circle {s}") for s in ids[:2]]
    datasets.create_version(settings, "a", db=db)
    labeling.save_label(db, "ada", ids[2], "Draw circle three")
    datasets.create_version(settings, "b", db=db)
    at = open_page("datasets")
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Added"], shown["Removed"], shown["Unchanged"]) == ("1", "0", "2")
    assert label_ids  # both versions share the first two labels
    # the change is shown with its summary and code, not as a bare label id
    (row,) = at.dataframe[-1].value.to_dict("records")  # the last table on the page
    assert row["change"] == "added" and row["summary"] == "Draw circle three" and "Scene" in row["code"]


def test_a_changed_summary_shows_both_versions(env, settings, db, make_snippets):
    (s,) = make_snippets(1)
    labeling.save_label(db, "ada", s, "Draw a circle")
    datasets.create_version(settings, "a", db=db)
    labeling.save_label(db, "ada", s, "Draw a red circle")
    datasets.create_version(settings, "b", db=db)
    (row,) = datasets.diff_details(settings, datasets.diff_versions(settings, "a", "b"))
    assert (row["change"], row["was"], row["summary"]) == ("changed", "Draw a circle", "Draw a red circle")


def test_a_version_without_validation_rows_is_flagged(env, db, make_snippets):
    (s,) = make_snippets(1)
    labeling.save_label(db, "ada", s, "Plot the graph of y = x")
    at = open_page("datasets")
    at.text_input(key="ds_name").input("tiny")
    at.checkbox(key="ds_approved_only").uncheck()
    at.slider(key="ds_val_fraction").set_value(0.0)
    at.button(key="ds_create").click().run()
    assert any("Created tiny" in s.value for s in at.success)
    assert any("no validation rows" in w.value for w in at.warning)
