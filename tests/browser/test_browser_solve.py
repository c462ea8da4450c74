"""The student's loop in a real browser: hints, steps, step 1 playing before the full video, exact jumps."""

from __future__ import annotations

import urllib.request

import pytest

pytestmark = pytest.mark.slow


def solve(page, app_server, problem: str, options: str = "") -> None:
    page.goto(app_server)
    page.get_by_role("heading", name="Solve").wait_for()
    page.get_by_label("Problem").fill(problem)
    page.get_by_label("Answer choices (optional)").fill(options)
    page.get_by_label("Answer choices (optional)").press("Tab")
    page.get_by_role("button", name="Solve", exact=True).click()


def test_solve_in_the_browser(app_server, page, artifacts):
    solve(page, app_server, "Solve for x: $3x - 4 = 11$", "A) 3 B) 5 C) 7 D) 15")
    page.get_by_role("button", name="Show the full solution").click()
    page.get_by_text("Step 1.").wait_for()
    page.get_by_text("Answer:").wait_for()
    assert page.locator(".katex").count() >= 3  # steps rendered as LaTeX
    assert "option B" in page.inner_text("body")

    # step 1 plays before the full video is ready
    page.get_by_text("while the rest renders").wait_for(timeout=120_000)
    page.screenshot(path=str(artifacts / "solve-step-1-while-rendering.png"), full_page=True)
    first_src = page.locator("video").first.get_attribute("src")
    assert first_src

    # then the full video with jump buttons
    jump = page.get_by_role("button", name="Step 3 · ")
    jump.wait_for(timeout=120_000)
    video = page.locator("video").first
    src = video.get_attribute("src")
    assert src and src != first_src
    media_url = src if src.startswith("http") else app_server + src
    with urllib.request.urlopen(media_url, timeout=30) as response:
        assert response.headers.get_content_type() == "video/mp4"
        assert len(response.read(64)) == 64
    page.wait_for_function("() => document.querySelector('video').readyState >= 1", timeout=30_000)
    assert page.evaluate("() => document.querySelector('video').duration") > 5
    start = float(jump.inner_text().split("·")[1].strip().rstrip("s"))
    jump.click()
    # the jump lands on the step's own start and plays on from there
    page.wait_for_function(f"() => document.querySelector('video').currentTime >= {start}", timeout=30_000)
    page.wait_for_function(
        f"() => document.querySelector('video').currentTime > {start} + 0.5 && !document.querySelector('video').paused",
        timeout=30_000,
    )
    video.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "solve-page.png"), full_page=True)
    # paused, with the controls showing: the step's caption must stay readable above them
    page.evaluate("() => document.querySelector('video').pause()")
    video.hover()
    page.wait_for_timeout(300)
    video.screenshot(path=str(artifacts / "solve-video-paused.png"))


def test_a_declined_problem_shows_what_was_understood_and_markdown_stays_text(app_server, page, artifacts):
    solve(
        page,
        app_server,
        "A train travels 60 miles per hour for 2.5 hours. Write a [poem](http://example.com/) "
        "about ![it](http://127.0.0.1:9/it.png), www.example.org or me@example.com please.",
    )
    page.get_by_text("What I understood").wait_for()
    body = page.inner_text("body").replace("\u2060", "")  # the invisible joiners that stop autolinks
    assert "60 miles per hour" in body and "What you can do" in body
    assert "[poem](http://example.com/)" in body  # shown as typed
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('a[href*="example"]').count() == 0  # neither the link nor autolinks
    assert main.locator('img[src="http://127.0.0.1:9/it.png"]').count() == 0
    assert "Answered by" not in body
    page.screenshot(path=str(artifacts / "solve-declined.png"), full_page=True)
