"""The Animate page in a real browser: a description in, a stub model's code rendered, hostile code refused."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))

from llm_stub_servers import StubOpenAI  # noqa: E402

pytestmark = pytest.mark.slow

GOOD = (
    "from manim import *\n\nclass Grow(Scene):\n    def construct(self):\n"
    "        self.play(GrowFromCenter(Square(color=BLUE)))\n"
)
HOSTILE = (
    "from manim import *\nimport socket\n\nclass Grow(Scene):\n    def construct(self):\n        socket.socket()\n"
)


@pytest.fixture(scope="module")
def stub():
    server = StubOpenAI()
    yield server
    server.close()


@pytest.fixture(scope="module")
def animate_app(tmp_path_factory, stub, start_app):
    with start_app(
        tmp_path_factory.mktemp("animate-data"),
        HISOLVER_ANIMATOR="openai",
        HISOLVER_OPENAI_BASE_URL=stub.base_url,
        HISOLVER_OPENAI_MODEL="stub-manim",
        HISOLVER_BACKEND_RETRIES="0",
    ) as url:
        yield url


def test_animate_in_the_browser(animate_app, stub, page, artifacts):
    page.goto(animate_app)
    page.get_by_role("heading", name="Solve").wait_for(timeout=60_000)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Animate").click()
    try:
        page.get_by_role("heading", name="Animate").wait_for(timeout=60_000)
    finally:
        page.screenshot(path=str(artifacts / "animate-open.png"))
    stub.push(f"```python\n{GOOD}```")
    page.get_by_label("Animation").fill("A blue square that grows from its centre.")
    page.get_by_label("Animation").press("Tab")
    page.get_by_role("button", name="Animate").click()
    page.locator("video").wait_for(timeout=120_000)
    page.wait_for_function("() => document.querySelector('video').readyState >= 1", timeout=30_000)
    assert "stub-manim" in page.inner_text("body")
    page.screenshot(path=str(artifacts / "animate-page.png"), full_page=True)

    stub.push(HOSTILE)
    page.get_by_label("Animation").fill("Open a network connection.")
    page.get_by_label("Animation").press("Tab")
    page.get_by_role("button", name="Animate").click()
    page.get_by_text("the safety check refused").wait_for(timeout=60_000)
    assert page.locator("video").count() == 0
