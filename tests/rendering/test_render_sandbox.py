"""The sandbox contains hostile code even when the static check is skipped.

Every case runs through ``Renderer._run_unchecked`` (policy off) and then
checks that its side effect did NOT happen on the host.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest

from hisolver_core.errors import RenderError
from hisolver_core.rendering import Renderer
from hisolver_core.rendering.sandbox import Limits, isolation

pytestmark = pytest.mark.slow

SCENE = "\nclass Evil(Scene):\n    def construct(self):\n        self.add(Square())\n"


def _code(payload: str) -> str:
    return "from manim import *\nimport os, sys, socket, subprocess\n" + payload + SCENE


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    from hisolver_core.config import load_settings

    root = tmp_path_factory.mktemp("sandbox")
    settings = load_settings({"HISOLVER_DATA_DIR": str(root / "data")}, secrets_file=root / "none.toml")
    (root / "data").mkdir()
    with Renderer(settings, workers=1) as r:
        r.limits = lambda quality: Limits(memory_mb=1024, timeout_s=8, fsize_mb=16, disk_mb=64, nproc=64)
        yield r


@pytest.fixture
def shared_dir():
    """A world-writable folder outside /tmp (the sandbox's /var/tmp is a private tmpfs)."""
    folder = Path("/var/tmp") / f"hisolver-test-{uuid.uuid4().hex}"
    folder.mkdir()
    folder.chmod(0o777)
    yield folder
    for p in folder.iterdir():
        p.unlink()
    folder.rmdir()


def _run(renderer: Renderer, payload: str) -> RenderError | None:
    try:
        renderer._run_unchecked(_code(payload) + f"# {uuid.uuid4().hex}\n")
    except RenderError as exc:
        return exc
    return None


def test_isolation_is_available_here() -> None:
    prefix, how = isolation()
    assert prefix and "unshare" in prefix[0], how


@pytest.mark.parametrize("where", ["var_tmp", "dev_shm", "data_dir", "project"])
def test_writes_outside_the_temp_folder_do_not_land(renderer: Renderer, shared_dir: Path, where: str) -> None:
    target = {
        "var_tmp": shared_dir / "marker",
        "dev_shm": Path("/dev/shm") / f"hisolver-{uuid.uuid4().hex}",
        "data_dir": Path(renderer.settings.data_dir) / "marker",
        "project": Path(__file__).resolve().parents[2] / f"marker-{uuid.uuid4().hex}",
    }[where]
    err = _run(renderer, f"try:\n    open({str(target)!r}, 'w').write('x')\nexcept OSError:\n    pass\n")
    assert err is None  # the payload ran to the end (a failed sandbox set-up would be an error here)
    assert not target.exists()


def test_private_files_cannot_be_read(renderer: Renderer) -> None:
    secret = Path(renderer.settings.data_dir) / "secret.txt"
    secret.write_text("TOPSECRET-4711")
    secret.chmod(0o644)
    err = _run(renderer, f"raise RuntimeError(open({str(secret)!r}).read())")
    assert err is not None and err.kind == "manim" and "FileNotFoundError" in str(err)  # ran, found nothing
    assert "TOPSECRET-4711" not in str(err) + err.log


def test_secrets_in_the_environment_do_not_reach_the_code(renderer: Renderer, monkeypatch) -> None:
    monkeypatch.setenv("HISOLVER_OPENAI_API_KEY", "sk-leak-0815")
    err = _run(renderer, "raise RuntimeError(repr(dict(os.environ)))")
    assert err is not None and err.kind == "manim"
    assert "sk-leak-0815" not in str(err) + err.log


def test_no_network_to_a_local_listener(renderer: Renderer) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    err = _run(renderer, f"socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'hi')")
    try:
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        listener.close()
    assert err is not None and "line" in str(err)


@pytest.mark.parametrize("how", ["subprocess", "system"])
def test_subprocesses_cannot_write_outside(renderer: Renderer, shared_dir: Path, how: str) -> None:
    marker = shared_dir / "from-child"
    payload = {
        "subprocess": f"subprocess.run(['touch', {str(marker)!r}])",
        "system": f"os.system('touch {marker}')",
    }[how]
    err = _run(renderer, payload)
    assert err is None or err.kind == "manim", err  # the payload ran
    assert not marker.exists()


def test_host_processes_cannot_be_signalled(renderer: Renderer) -> None:
    victim = subprocess.Popen(["sleep", "60"])
    try:
        err = _run(renderer, f"os.kill({victim.pid}, 9)")
        assert err is not None and err.kind == "manim"  # ran, and the pid does not exist in its namespace
        time.sleep(0.2)
        assert victim.poll() is None
    finally:
        victim.kill()
        victim.wait()


def _job_processes(err, settle_s: float = 5.0) -> list[int]:
    """Processes of the failed job's own uid still alive after the kernel had time to tear a namespace down."""
    match = re.search(r"sandbox: (?:job uid|user: dropped root to uid) (\d+)", err.log)
    assert match, err.log[:500]
    uid = int(match.group(1))
    deadline = time.monotonic() + settle_s
    while True:
        pids = [p.pid for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid]
        if not pids or time.monotonic() > deadline:
            return pids
        time.sleep(0.1)


def test_fork_bomb_is_contained_and_cleaned_up(renderer: Renderer, tmp_path) -> None:
    """The bomb ends, leaves no process behind, and a render running beside it still succeeds."""
    started = time.monotonic()
    # the neighbour has its own data folder, so its own render slot: it really runs beside the bomb
    other = Renderer(renderer.settings.replace(data_dir=tmp_path / "other"), workers=1)
    with other, ThreadPoolExecutor(1) as pool:
        bomb = pool.submit(
            _run, renderer, "while True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
        )
        time.sleep(3.0)  # the bomb has used up its process budget by now
        neighbour = other._run_unchecked(_code("") + f"# {uuid.uuid4().hex}\n")
        err = bomb.result()
    assert neighbour.video_path.exists()
    # contained either way: stopped by the clock, or the bomb died on "can't start new thread"
    assert err is not None and err.kind in ("timeout", "internal", "memory", "manim")
    assert time.monotonic() - started < 25
    assert _job_processes(err) == []


def test_memory_bomb_is_a_memory_error(renderer: Renderer) -> None:
    err = _run(renderer, "hog = bytearray(6 * 1024 ** 3)")
    assert err is not None and err.kind == "memory"


def test_infinite_loop_times_out(renderer: Renderer) -> None:
    started = time.monotonic()
    err = _run(renderer, "while True:\n    pass\n")
    assert err is not None and err.kind == "timeout"
    assert time.monotonic() - started < 8 + 6
    assert _job_processes(err) == []


def test_huge_file_is_cut_by_the_file_size_limit(renderer: Renderer) -> None:
    err = _run(renderer, "with open('big.bin', 'wb') as fh:\n    fh.write(b'x' * (64 * 1024 * 1024))\n")
    assert err is not None and err.kind == "output"


def test_filling_the_disk_stops_at_the_private_tmpfs(renderer: Renderer) -> None:
    free_before = psutil.disk_usage("/var/tmp").free
    err = _run(renderer, "for i in range(100):\n    open(f'f{i}', 'wb').write(b'x' * (8 * 1024 * 1024))\n")
    assert err is not None and err.kind == "output" and "No space left" in str(err)
    assert psutil.disk_usage("/var/tmp").free > free_before - 50 * 1024 * 1024


def test_flooding_stdout_does_not_reach_the_parent(renderer: Renderer) -> None:
    err = _run(renderer, "for i in range(10 ** 9):\n    print('y' * 4096)\n")
    assert err is not None and err.kind in ("output", "timeout")
    assert len(err.log) < 100_000


def test_the_sandbox_log_says_what_was_done(renderer: Renderer) -> None:
    result = renderer._run_unchecked(_code("") + f"# {uuid.uuid4().hex}\n")
    assert "network: none" in result.log
    assert "dropped root to uid" in result.log or "not root" in result.log


def test_without_namespaces_it_still_renders_and_says_so(renderer: Renderer, monkeypatch) -> None:
    from hisolver_core.rendering import sandbox

    monkeypatch.setattr(sandbox, "isolation", lambda: ((), "network: NOT isolated (unshare unavailable)"))
    with Renderer(renderer.settings, renderer.blobs, workers=1, warm=False) as plain:
        result = plain._run_unchecked(_code("") + f"# {uuid.uuid4().hex}\n")
    assert "network: NOT isolated" in result.log and "no mount namespace" in result.log
    assert result.video_path.is_file()
