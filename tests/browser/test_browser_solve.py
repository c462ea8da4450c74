"""The student's loop in a real browser: type a problem, reveal hints, see steps and a playable video."""

from __future__ import annotations

import urllib.request

import pytest

pytestmark = pytest.mark.slow


def test_solve_in_the_browser(app_server, page, artifacts):
    page.goto(app_server)
    page.get_by_role("heading", name="Solve").wait_for()
    page.get_by_label("Problem").fill("Solve for x: $3x - 4 = 11$")
    page.get_by_label("Answer choices (optional)").fill("A) 3 B) 5 C) 7 D) 15")
    page.get_by_label("Answer choices (optional)").press("Tab")
    page.get_by_role("button", name="Solve", exact=True).click()

    page.get_by_role("button", name="Show next hint").click()
    page.get_by_text("Hint 1.").wait_for()
    page.get_by_role("button", name="Show next hint").click()
    page.get_by_text("Hint 2.").wait_for()
    page.get_by_role("button", name="Show the full solution").click()
    page.get_by_text("Step 1.").wait_for()
    assert page.locator(".katex").count() >= 3  # steps rendered as LaTeX
    assert "option B" in page.inner_text("body")

    video = page.locator("video")
    video.wait_for(timeout=120_000)
    src = video.get_attribute("src")
    assert src
    media_url = src if src.startswith("http") else app_server + src
    with urllib.request.urlopen(media_url, timeout=30) as response:
        assert response.headers.get_content_type() == "video/mp4"
        assert len(response.read(64)) == 64
    # the browser can play it: metadata loads and the duration is known
    page.wait_for_function("() => document.querySelector('video').readyState >= 1", timeout=30_000)
    assert page.evaluate("() => document.querySelector('video').duration") > 1
    video.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "solve-page.png"), full_page=True)
