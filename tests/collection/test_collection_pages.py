"""Collect and Snippets pages through the router, with AppTest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from hisolver_core.auth import Role
from hisolver_core.blobs import open_blob_store
from hisolver_core.collection import collect_local
from hisolver_core.config import load_settings
from hisolver_core.db import open_db
from hisolver_core.extraction import extract

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def _entry(app_path: str) -> None:
    import runpy

    runpy.run_path(app_path, run_name="__main__")


@pytest.fixture
def data_dir(monkeypatch, tmp_path) -> Path:
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "proj"
    root.mkdir()
    for f in FIXTURES.glob("*.py.txt"):
        shutil.copy(f, root / f.name[: -len(".txt")])
    return root


def open_page(name: str) -> AppTest:
    at = AppTest.from_function(_entry, args=(str(ROOT / "app.py"),), default_timeout=60)
    at.session_state["hisolver_role"] = Role.ADMIN
    at.run()
    at.switch_page(str(ROOT / "pages" / f"{name}.py")).run()
    assert not at.exception, at.exception
    return at


def finish_job(at: AppTest, key: str) -> dict:
    """Wait for the job the page launched under ``key``, then rerun the page; return the job's row."""
    from hisolver_core.jobs import wait_job

    job_id = at.session_state[f"hisolver_job_{key}"]
    row = wait_job(load_settings(), job_id, timeout_s=120, poll_s=0.1)
    at.run()
    assert not at.exception, at.exception
    return row


def test_collect_page_imports_a_folder_and_lists_it(data_dir, project):
    at = open_page("collect")
    at.text_input(key="collect_path").input(str(project))
    at.text_input(key="collect_name").input("fromui")
    at.button(key="collect_local_go").click().run()
    assert not at.exception, at.exception
    row = finish_job(at, "collect_local")
    assert row["status"] == "succeeded" and row["runner"] == "local"
    assert any("collect · succeeded: imported 8 files as local:fromui" in s.value for s in at.success), [
        s.value for s in at.success
    ]
    assert at.dataframe[-1].value["full_name"].tolist() == ["local:fromui"]
    link = at.get("page_link")[0].proto
    assert (link.label, link.page) == (f"Job #{row['id']} on the Jobs page", "jobs")
    at.button(key="collect_extract_go").click().run()
    assert finish_job(at, "collect_extract")["status"] == "succeeded"
    assert any("extract · succeeded" in s.value for s in at.success)


def test_each_collect_section_fails_on_its_own(data_dir, monkeypatch):
    import hisolver_core.collection as collection
    from hisolver_core.errors import StorageError

    monkeypatch.setenv("HISOLVER_GITHUB_API_URL", "http://127.0.0.1:9")  # nothing listens there
    at = open_page("collect")
    at.button(key="collect_github_go").click().run()
    row = finish_job(at, "collect_github")
    assert row["status"] == "failed"
    assert any("collect · failed" in e.value for e in at.error), [e.value for e in at.error]

    def broken(db):
        raise StorageError("the repositories table cannot be read")

    monkeypatch.setattr(collection, "list_repos", broken)
    at.run()
    assert any("cannot be read" in e.value for e in at.error)
    # the other sections still work
    assert {"collect_local_go", "collect_extract_go", "collect_render_go"} <= {b.key for b in at.button}


def test_collect_page_reports_a_bad_path(data_dir, tmp_path):
    at = open_page("collect")
    at.text_input(key="collect_path").input(str(tmp_path / "nope"))
    at.button(key="collect_local_go").click().run()
    assert any("does not exist" in e.value for e in at.error)


def test_snippets_page_filters_searches_and_previews(data_dir, project):
    settings = load_settings()
    collect_local(settings, project, name="demo")
    extract(settings, workers=1)
    db = open_db(settings)
    sid = db.execute("SELECT id FROM snippets WHERE scene_name = 'SquareRow'").fetchone()[0]
    open_blob_store(settings).put("renders/p.png", PNG)
    db.execute("UPDATE snippets SET render_status = 'ok', poster_key = 'renders/p.png' WHERE id = ?", [sid])
    db.conn.commit()

    at = open_page("snippets")
    assert {m.label: m.value for m in at.metric}["Repositories"] == "1"
    at.text_input(key="snip_search").input("make_square").run()
    assert any(md.value.startswith("1 snippets match") for md in at.markdown), [m.value for m in at.markdown]
    assert at.selectbox(key="snip_open").value == sid
    assert any("SquareRow" in h.value for h in at.subheader)
    assert len(at.get("image")) == 1  # the poster frame
    assert len(at.get("component_instance")) == 1  # the read-only code editor

    at.text_input(key="snip_search").input("").run()
    at.multiselect(key="snip_dialects").select("manimgl").run()
    assert at.selectbox(key="snip_open").options and all("GLSquare" in o for o in at.selectbox(key="snip_open").options)
    at.multiselect(key="snip_dialects").unselect("manimgl").run()
    at.selectbox(key="snip_dups").select("duplicates").run()
    dup_ids = {int(o.split()[0][1:]) for o in at.selectbox(key="snip_open").options}
    expected = {r[0] for r in db.execute("SELECT id FROM snippets WHERE is_representative = 0")}
    assert dup_ids == expected and len(expected) >= 2  # Dup and DupNear each have a copy


def test_snippets_page_says_when_a_stored_preview_cannot_be_read(data_dir, project):
    settings = load_settings()
    collect_local(settings, project, name="demo")
    extract(settings, workers=1)
    db = open_db(settings)
    db.execute(
        "UPDATE snippets SET render_status = 'ok', poster_key = 'renders/gone.png' WHERE scene_name = 'SquareRow'"
    )
    db.conn.commit()
    at = open_page("snippets")
    at.text_input(key="snip_search").input("make_square").run()
    assert not at.exception, at.exception
    assert not at.get("image") and any("Preview unavailable" in w.value for w in at.warning)


def test_collect_page_runs_a_github_collection_against_the_stub(data_dir, monkeypatch):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from github_stub import GitHubStub, make_repos

    stub = GitHubStub(make_repos(3, 2)).start()
    try:
        monkeypatch.setenv("HISOLVER_GITHUB_API_URL", stub.url)
        at = open_page("collect")
        at.text_input(key="collect_query").input("manim")
        at.number_input(key="collect_max").set_value(2)
        at.button(key="collect_github_go").click().run()
        assert not at.exception, at.exception
        assert finish_job(at, "collect_github")["status"] == "succeeded"
        assert any("collect · succeeded" in s.value for s in at.success), [s.value for s in at.success]
        assert len(at.dataframe[-1].value) == 2
    finally:
        stub.stop()


def test_upload_import_uses_the_archive_name(data_dir, project, tmp_path):
    import io
    import zipfile

    from hisolver_core.collection import collect_upload

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in project.glob("*.py"):
            zf.write(f, f"lesson-1/{f.name}")
    result = collect_upload(load_settings(), "lesson-1.zip", buf.getvalue())
    assert result.files == 8
    assert open_blob_store(load_settings()).exists("raw/local/lesson-1/inheritance.py")


def test_a_local_import_runs_here_even_when_jobs_default_to_vertex(data_dir, project, monkeypatch):
    monkeypatch.setenv("HISOLVER_JOB_RUNNER", "vertex")  # no image or bucket configured: vertex would refuse
    at = open_page("collect")
    at.text_input(key="collect_path").input(str(project))
    at.button(key="collect_local_go").click().run()
    assert finish_job(at, "collect_local")["runner"] == "local"
    at.button(key="collect_extract_go").click().run()
    assert any("HISOLVER_VERTEX_IMAGE" in e.value for e in at.error)  # this one follows the default, and says why not
