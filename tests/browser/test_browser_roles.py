"""Roles in a real browser: a URL typed past the navigation never shows a maintainer page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def nav_links(page) -> list[str]:
    return [t.strip().lower() for t in page.locator('[data-testid="stSidebarNav"] a p').all_inner_texts()]


def test_student_typing_a_maintainer_url_lands_on_solve(app_server, page, artifacts):
    page.goto(f"{app_server}/settings")
    page.get_by_role("heading", name="Solve").wait_for()
    page.screenshot(path=str(artifacts / "student-typed-settings-url.png"))
    assert set(nav_links(page)) <= {"solve", "animate"}  # the student pages only
    assert "Configuration" not in page.inner_text("body")


def test_maintainer_signs_in_and_sees_settings(app_server, page):
    page.goto(app_server)
    page.get_by_role("heading", name="Solve").wait_for()
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]').click()
    page.get_by_role("option", name="Maintainer").click()
    sidebar.get_by_label("Password", exact=True).fill("admin-pw")
    sidebar.get_by_role("button", name="Sign in").click()
    page.locator("[data-testid=\"stSidebarNav\"]").get_by_role("link", name="Settings").click()
    page.get_by_role("heading", name="Configuration").wait_for()
    page.get_by_text("HISOLVER_ADMIN_PASSWORD").wait_for()
    body = page.inner_text("body")
    assert "admin-pw" not in body and "(set, hidden)" in body
    assert "settings" in nav_links(page) and "jobs" in nav_links(page)
