"""Fixes from the end-to-end review of the pipeline pages, through the router with AppTest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from hisolver_core.auth import Role
from hisolver_core.collection import collect_local
from hisolver_core.config import load_settings
from hisolver_core.db import open_db
from hisolver_core.extraction import extract

ROOT = Path(__file__).resolve().parents[1]
RENDERS = (
    "from manim import *\n\n\nclass Blip(Scene):\n    def construct(self):\n"
    "        self.add(Dot())\n        self.wait(0.1)\n"
)
FAILS = "from manim import *\n\n\nclass Oops(Scene):\n    def construct(self):\n        self.add(nothing_here)\n"
GL = "from manimlib import *\n\n\nclass GLOnly(Scene):\n    def construct(self):\n        self.wait()\n"


def _entry(app_path: str) -> None:
    import runpy  # AppTest runs this function's source alone: imports go inside

    runpy.run_path(app_path, run_name="__main__")


@pytest.fixture
def data_dir(monkeypatch, tmp_path) -> Path:
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


@pytest.fixture
def extracted(data_dir, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.py").write_text(RENDERS)
    (src / "b.py").write_text(FAILS)
    (src / "gl.py").write_text(GL)
    collect_local(load_settings(), src, name="demo")
    extract(load_settings(), workers=1)
    return src


def finish_job(at: AppTest, key: str) -> None:
    """Wait for the background job the page launched under ``key``, then rerun the page."""
    from hisolver_core.jobs import wait_job

    wait_job(load_settings(), at.session_state[f"hisolver_job_{key}"], timeout_s=300, poll_s=0.2)
    at.run()
    assert not at.exception, at.exception


def open_page(name: str, role: Role = Role.ADMIN) -> AppTest:
    at = AppTest.from_function(_entry, args=(str(ROOT / "app.py"),), default_timeout=90)
    at.session_state["hisolver_role"] = role
    at.run()
    at.switch_page(str(ROOT / "pages" / f"{name}.py")).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.slow
def test_collect_page_runs_the_render_check(extracted):
    at = open_page("collect")
    at.button(key="collect_render_go").click().run()
    assert not at.exception, at.exception
    finish_job(at, "collect_render")
    assert any("Finished: checked 2; ok 1; failed 1" in s.value for s in at.success), [s.value for s in at.success]
    assert any("did not render" in w.value for w in at.warning)
    at.button(key="collect_render_go").click().run()  # resumable: nothing left
    finish_job(at, "collect_render")
    assert any("Nothing to render" in i.value for i in at.info)


def test_collect_page_rounds_seconds(extracted):
    at = open_page("collect")
    at.button(key="collect_extract_go").click().run()
    finish_job(at, "collect_extract")
    times = re.findall(r"seconds ([\d.]+)", " ".join(s.value for s in at.success))
    assert times and all(len(t.split(".")[1]) == 2 for t in times), times


def test_snippets_page_explains_empty_results_and_unrenderable_code(extracted):
    at = open_page("snippets")
    at.text_input(key="snip_search").input("GLOnly").run()
    assert any("only Manim Community code renders here" in c.value for c in at.caption), [c.value for c in at.caption]
    at.text_input(key="snip_search").input("zzz_no_such_thing").run()
    assert any("No snippet matches these filters" in i.value for i in at.info)
    assert not any("No snippets yet" in i.value for i in at.info)


def test_snippets_page_on_an_empty_store_says_how_to_start(data_dir):
    at = open_page("snippets")
    assert any("No snippets yet" in i.value for i in at.info)


def test_label_page_follows_the_picked_role_in_local_mode(data_dir):
    annotator = open_page("label", Role.ANNOTATOR)  # no passwords set: every role is open
    assert len(annotator.tabs) == 0
    maintainer = open_page("label", Role.ADMIN)
    assert [t.label for t in maintainer.tabs] == ["Label", "Review", "Agreement", "Label Studio"]


def test_jobs_page_lists_pipeline_jobs_with_live_refresh(extracted):
    at = open_page("jobs")
    # nothing is running: no live refresh, a Refresh button instead (live refresh: tests/jobs/test_jobs_page.py)
    assert at.session_state["jobs_live"] is False and at.button(key="jobs_refresh")
    kinds = at.dataframe[0].value["kind"].tolist()
    assert sorted(kinds) == ["collect", "extract"]
    at.multiselect(key="jobs_kind").select("extract").run()
    assert at.dataframe[0].value["kind"].tolist() == ["extract"]


def test_settings_page_shows_paths_with_underscores_verbatim(data_dir):
    at = open_page("settings")
    manim = next(s.value for s in at.success if "Manim importable" in s.value)
    assert "\\_\\_init\\_\\_.py" in manim  # escaped markdown: renders as __init__.py, not bold "init"


def test_label_page_reviews_stay_on_the_review_tab(extracted):
    from hisolver_core import labeling

    db = open_db(load_settings())
    try:
        db.execute("UPDATE snippets SET render_status = 'ok' WHERE scene_name = 'Blip'")
        db.conn.commit()
        item = labeling.next_snippet(db, "ada")
        label_id = labeling.save_label(db, "ada", item.snippet_id, "Show a dot")
    finally:
        db.close()
    at = open_page("label")
    assert not any(b.key == f"review_approve_{label_id}" for b in at.button)  # only the open tab runs
    at.session_state["label_tabs"] = "Review"  # what clicking the tab does
    at.run()
    at.button(key=f"review_approve_{label_id}").click().run()
    assert not at.exception, at.exception
    assert at.session_state["label_tabs"] == "Review"  # the tab is tracked, so the approve's rerun keeps it
    db = open_db(load_settings())
    try:
        assert db["labels"].get(label_id)["status"] == "approved"
    finally:
        db.close()
