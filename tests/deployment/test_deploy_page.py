"""The Deploy page in AppTest: models side by side, promote, deploy locally, Vertex errors, rollback."""

from __future__ import annotations

import pytest

from hisolver_core.auth import Role
from tests.pagetest import open_page


def test_no_models_yet(env):
    at = open_page("deploy")
    assert any("No registered models yet" in i.value for i in at.info)
    assert any("Nothing deployed yet" in i.value for i in at.info)


def test_students_cannot_open_it(env, settings):
    env.setenv("HISOLVER_ADMIN_PASSWORD", "secret")
    at = open_page("deploy", Role.STUDENT)
    assert at.error and "maintainer" in at.error[0].value.lower()


@pytest.mark.slow
def test_promote_deploy_locally_and_vertex_without_project(env, registered_model, db):
    at = open_page("deploy")
    assert at.dataframe[0].value["model"].tolist() == [registered_model["name"]]
    at.button(key="deploy_promote").click().run()
    assert at.dataframe[0].value["stage"].tolist() == ["production"]
    at.button(key="deploy_local").click().run()
    assert not at.exception, at.exception
    assert len(at.success), [e.value for e in at.error] + [w.value for w in at.warning] + [str(at.exception)]
    assert "is **active**; smoke test passed" in at.success[0].value
    assert at.dataframe[1].value["status"].tolist() == ["active"]
    at.button(key="deploy_vertex").click().run()  # no project configured: a clear error, nothing recorded
    assert "HISOLVER_VERTEX_PROJECT" in at.error[0].value.replace("\\", "")
    assert db["deployments"].count == 1


@pytest.mark.slow
def test_smoke_box_shows_the_models_code_rendered(env, openai_stub):
    env.setenv("HISOLVER_OPENAI_BASE_URL", openai_stub.base_url)
    env.setenv("HISOLVER_OPENAI_MODEL", "stub-manim")
    env.setenv("HISOLVER_BACKEND_RETRIES", "0")
    code = "from manim import *\n\nclass Smoke(Scene):\n    def construct(self):\n        self.add(Square())\n"
    openai_stub.push(code)
    at = open_page("deploy")
    at.selectbox(key="deploy_smoke_backend").select("openai")
    at.button(key="deploy_smoke_go").click().run()
    assert not at.exception, at.exception
    result = at.session_state["deploy_smoke_result"]
    assert result.ok and result.video_path.exists() and at.code[0].value.strip() == code.strip()
    assert any("stub-manim" in c.value for c in at.caption)
