"""The app: every page runs, and roles decide what the navigation shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from hisolver_core.auth import Role

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
MAINTAINER_PAGES = ["collect", "snippets", "datasets", "train", "deploy", "jobs", "pipelines", "evaluate", "settings"]


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # no stray .streamlit/secrets.toml is read


def _entry(app_path: str) -> None:
    # Runs app.py from a temporary folder: AppTest.from_file(app.py) falls back to
    # scanning the ``pages/`` folder beside it on reruns and skips the router.
    import runpy

    runpy.run_path(app_path, run_name="__main__")


def app(role: Role | None = None) -> AppTest:
    at = AppTest.from_function(_entry, args=(APP,), default_timeout=60)
    if role is not None:
        at.session_state["hisolver_role"] = role
    at.run()
    assert not at.exception, at.exception
    return at


def page(name: str, role: Role = Role.ADMIN) -> AppTest:
    """Open page ``name`` through the router as ``role``."""
    at = app(role)
    at.switch_page(str(ROOT / "pages" / f"{name}.py")).run()
    assert not at.exception, f"{name}: {at.exception}"
    return at


def visible(at: AppTest, name: str) -> bool:
    """True when the navigation of ``at``'s last run offers page ``name``."""
    try:
        at.switch_page(str(ROOT / "pages" / f"{name}.py"))
    except ValueError:
        return False
    return True


def test_student_sees_only_solve():
    at = app()
    assert [t.value for t in at.title] == ["Solve"]
    assert visible(at, "solve")
    assert not any(visible(at, name) for name in ["label", *MAINTAINER_PAGES])


def test_annotator_sees_label_not_maintainer_pages():
    at = app(Role.ANNOTATOR)
    assert visible(at, "label")
    assert not any(visible(at, name) for name in MAINTAINER_PAGES)


def test_maintainer_sees_every_page():
    at = app(Role.ADMIN)
    assert all(visible(at, name) for name in ["solve", "label", *MAINTAINER_PAGES])


@pytest.mark.parametrize("name", ["solve", "label", *MAINTAINER_PAGES])
def test_every_page_renders_for_a_maintainer(name):
    at = page(name)
    assert at.title, f"{name} shows no title"
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("name", MAINTAINER_PAGES)
def test_maintainer_pages_refuse_a_student_when_passwords_are_set(monkeypatch, name):
    monkeypatch.setenv("HISOLVER_ADMIN_PASSWORD", "pw")
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=60)
    # As if the router ran and the role then changed. A new session opening a page by URL is
    # sent to the router first: tests/test_browser.py checks that on a real server.
    at.session_state["hisolver_routed"] = True
    at.run()
    assert any("needs the maintainer role" in e.value for e in at.error)
    assert len(at.title) == 0  # nothing past the check ran


def test_local_mode_says_pages_are_open():
    at = page("settings")
    assert any("Local mode" in c.value for c in at.caption)


def staff_sign_in(at: AppTest, role: Role, password: str = "") -> AppTest:
    at.sidebar.selectbox(key="role_choice").set_value(role)
    at.sidebar.text_input(key="role_password").input(password)
    at.sidebar.button(key="role_sign_in").click().run()
    assert not at.exception, at.exception
    return at


def test_sidebar_switch_to_maintainer_without_password_in_local_mode():
    at = staff_sign_in(app(), Role.ADMIN)
    assert visible(at, "jobs")
    at.sidebar.button(key="role_sign_out").click().run()
    assert not visible(at, "jobs")


def test_students_see_a_staff_sign_in_link_not_a_role_picker():
    at = app()
    assert [e.label for e in at.sidebar.expander] == ["Staff sign-in"]
    assert "Student" not in [o for o in at.sidebar.selectbox(key="role_choice").options]


def test_password_needed_when_set(monkeypatch):
    monkeypatch.setenv("HISOLVER_ADMIN_PASSWORD", "correct horse")
    at = staff_sign_in(app(), Role.ADMIN, "wrong")
    assert any("Wrong password" in e.value for e in at.sidebar.error)
    assert not visible(at, "settings")
    at = staff_sign_in(at, Role.ADMIN, "correct horse")
    assert visible(at, "settings")
    cookie = next(h.proto.body for h in at.get("html") if "hisolver_session=" in h.proto.body)
    assert "correct horse" not in cookie and "max-age=43200" in cookie  # a signed token, never the password


def test_wrong_passwords_are_throttled(monkeypatch):
    monkeypatch.setenv("HISOLVER_ADMIN_PASSWORD", "correct horse")
    from pages._shared import _throttle

    _throttle.clear()  # a fresh throttle for this test's server
    at = app()
    for _ in range(4):
        at = staff_sign_in(at, Role.ADMIN, "wrong")
    at = staff_sign_in(at, Role.ADMIN, "correct horse")  # right, but too soon after 4 wrong ones
    assert any("Too many wrong passwords" in e.value for e in at.sidebar.error)
    assert not visible(at, "settings")
    _throttle.clear()


def test_settings_page_never_shows_a_password(monkeypatch):
    monkeypatch.setenv("HISOLVER_ADMIN_PASSWORD", "correct horse")
    monkeypatch.setenv("HISOLVER_OPENAI_API_KEY", "sk-secret-123")
    at = page("settings")
    shown = str(at.table[0].value.to_dict()) + str([m.value for m in at.markdown])
    assert "correct horse" not in shown and "sk-secret-123" not in shown
    assert "(set, hidden)" in shown


def test_production_without_password_locks_maintainer_role(monkeypatch):
    monkeypatch.setenv("HISOLVER_ENV", "production")
    at = staff_sign_in(app(), Role.ADMIN)
    assert any("locked" in e.value for e in at.sidebar.error)
    assert not visible(at, "settings")


def test_settings_page_health_checks_pass_here():
    at = page("settings")
    assert len(at.success) == 6 and not at.error, [e.value for e in at.error]
    shown = " ".join(s.value for s in at.success)
    assert "Render sandbox isolated" in shown and "built-in engine only" in shown


def test_settings_page_says_where_each_value_came_from(monkeypatch):
    monkeypatch.setenv("HISOLVER_MAX_PROBLEM_CHARS", "1500")
    table = page("settings").table[0].value
    sources = dict(zip(table["setting"], table["source"], strict=True))
    assert sources["max_problem_chars"] == "environment" and sources["backends"] == "default"


def test_a_configured_backend_without_its_settings_fails_its_check(monkeypatch):
    from hisolver_core.config import load_settings
    from hisolver_core.health import run_checks

    monkeypatch.setenv("HISOLVER_BACKENDS", "openai,builtin")
    check = next(c for c in run_checks(load_settings()) if c.name == "Model backends configured")
    assert not check.ok and "openai" in check.detail and check.fix


def test_the_favicon_ships_with_the_app():
    assert "material/" not in (ROOT / "app.py").read_text().split("page_icon=", 1)[1].split(",", 1)[0]
    assert (ROOT / "pages" / "assets" / "favicon.png").stat().st_size > 100


def test_markdown_helpers_neutralise_links_but_keep_math():
    from pages import _shared as ui

    assert ui.md_literal("[x](http://evil) `a` $b$") == "\\[x\\](http://evil) \\`a\\` \\$b\\$"
    assert ui.md_safe("See ![i](http://t/p.png) and $[0, 1]$") == "See \\!\\[i\\](http://t/p.png) and $[0, 1]$"
