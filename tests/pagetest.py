"""Open one page under AppTest as a role, as the router would have (shared by the page tests)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from hisolver_core.auth import Role

PAGES = Path(__file__).resolve().parent.parent / "pages"


def open_page(name: str, role: Role = Role.ADMIN, timeout: float = 60) -> AppTest:
    """Run ``pages/<name>.py`` once as ``role``; fail the test if it raised."""
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=timeout)
    at.session_state["hisolver_routed"] = True
    at.session_state["hisolver_role"] = role
    at.run()
    assert not at.exception, at.exception
    return at
