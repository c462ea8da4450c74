"""A real app server on a free port and headless Chromium (Debian's) driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(data: Path, **extra_env: str):
    """Run ``streamlit run app.py`` with data folder ``data``, the test passwords and ``extra_env``; yield its URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HISOLVER_")}
    env.update(
        HISOLVER_DATA_DIR=str(data),
        HISOLVER_ADMIN_PASSWORD="admin-pw",
        HISOLVER_ANNOTATOR_PASSWORD="annotator-pw",
        HISOLVER_SECRETS_FILE=str(data / "none.toml"),
        **extra_env,
    )
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    log = (data / "server.log").open("w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"app server did not start: {(data / 'server.log').read_text()[-2000:]}")
        time.sleep(0.2)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """Start ``streamlit run app.py`` with its own data folder and passwords; yield its URL."""
    with running_app(tmp_path_factory.mktemp("browser-data")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test` (it installs apt-packages-dev.txt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def start_app():
    """:func:`running_app`, for tests that need the app with settings of their own."""
    return running_app


@pytest.fixture(scope="session", autouse=True)
def warm_app(app_server, browser):
    """Open the app once before the tests: on a fresh server the very first session's first form
    submission can come back without its values (Streamlit 1.67), which no student hits twice."""
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(app_server)
    pg.get_by_role("heading", name="Solve").wait_for(timeout=60_000)
    pg.wait_for_timeout(2000)
    context.close()
    return app_server
