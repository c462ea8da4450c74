"""Roles in a real browser: sign-in that holds across a refresh and a typed URL, throttled guesses."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.slow


def nav_links(page) -> list[str]:
    return [t.strip().lower() for t in page.locator('[data-testid="stSidebarNav"] a p').all_inner_texts()]


def idle(page) -> None:
    """Wait until the script run is over (a click during a server's first, cold run can be lost)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')", timeout=60_000)


def staff_sign_in(page, role: str, password: str) -> None:
    """Open "Staff sign-in", pick ``role``, type the password and press Enter (the form submits)."""
    idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    box = sidebar.get_by_label("Password", exact=True)
    if not box.is_visible():
        sidebar.get_by_text("Staff sign-in", exact=True).click()
        box.wait_for()
    for attempt in range(3):  # on a loaded machine the first click can land while the list re-renders
        sidebar.locator('[data-testid="stSelectbox"]').click()
        try:
            page.get_by_role("option", name=role).click(timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    box.fill(password)
    if password:
        sidebar.get_by_text("Press Enter to submit form").wait_for()  # the form has the value
    box.press("Enter")


def test_student_typing_a_maintainer_url_is_told_to_sign_in(app_server, page, artifacts):
    page.goto(f"{app_server}/settings")
    page.get_by_text("You are signed out").wait_for()
    page.screenshot(path=str(artifacts / "student-typed-settings-url.png"))
    body = page.inner_text("body")
    assert "Page not found" not in body and "Configuration" not in body
    assert set(nav_links(page)) <= {"solve", "animate"}  # the student pages only
    # a student sees a staff link, not a role picker with staff wording
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Staff sign-in", exact=True).is_visible()
    assert "Maintainer" not in page.locator('[data-testid="stSidebar"]').inner_text()


def test_sign_in_survives_a_refresh_and_a_typed_url(app_server, page, artifacts):
    page.goto(app_server)
    page.get_by_role("heading", name="Solve").wait_for()
    staff_sign_in(page, "Maintainer", "admin-pw")
    page.get_by_text("Signed in as Maintainer").wait_for()
    page.wait_for_function("() => document.cookie.includes('hisolver_session=')")
    assert "admin-pw" not in page.evaluate("() => document.cookie")
    page.reload()
    page.get_by_text("Signed in as Maintainer").wait_for()
    page.goto(f"{app_server}/settings")  # typed
    page.get_by_role("heading", name="Configuration").wait_for()
    page.get_by_text("HISOLVER_ADMIN_PASSWORD").wait_for()
    page.screenshot(path=str(artifacts / "maintainer-after-typed-url.png"))
    body = page.inner_text("body")
    assert "admin-pw" not in body and "(set, hidden)" in body
    assert "settings" in nav_links(page) and "jobs" in nav_links(page)
    # signing out ends it for the browser too
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Sign out").click()
    page.get_by_text("Staff sign-in", exact=True).wait_for()
    page.reload()
    page.get_by_text("You are signed out").wait_for()  # still on /settings, now without the role
    assert "Signed in as" not in page.inner_text("body") and "Configuration" not in page.inner_text("body")


def test_wrong_passwords_are_throttled(app_server, page, artifacts):
    page.goto(app_server)
    page.get_by_role("heading", name="Solve").wait_for()
    sidebar = page.locator('[data-testid="stSidebar"]')
    for _ in range(4):
        staff_sign_in(page, "Annotator", "guess")
        sidebar.get_by_text("Wrong password").wait_for()
    staff_sign_in(page, "Annotator", "annotator-pw")  # right, but at once after 4 wrong ones
    sidebar.get_by_text("Too many wrong passwords").wait_for()
    page.screenshot(path=str(artifacts / "throttled-sign-in.png"))
    assert "Signed in as" not in page.inner_text("body")


def test_an_error_in_one_section_leaves_the_others_working(app_server, page, artifacts, tmp_path):
    page.goto(app_server)
    page.get_by_role("heading", name="Solve").wait_for()
    staff_sign_in(page, "Maintainer", "admin-pw")
    page.get_by_text("Signed in as Maintainer").wait_for()
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Label").click()
    page.get_by_role("tab", name="Label Studio").click()
    broken = tmp_path / "broken.json"
    broken.write_text("{broken")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(broken))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Nothing was imported").wait_for()
    page.get_by_role("button", name="Prepare the export").click()
    page.get_by_role("button", name="Download 0 tasks as Label Studio JSON").wait_for()
    page.screenshot(path=str(artifacts / "label-import-error-export-works.png"), full_page=True)
