"""The render service: cache, errors, concurrency, fair queue, CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from hisolver_core.cli import main
from hisolver_core.errors import RenderError
from hisolver_core.rendering import Renderer
from hisolver_core.rendering.cache import cache_key
from hisolver_core.rendering.queue import FairQueue

SMALL = (
    "from manim import *\nclass Small(Scene):\n    def construct(self):\n"
    "        self.play(FadeIn(Square()), run_time=0.5)\n"
)


def _unique(code: str = SMALL) -> str:
    return code + f"# {uuid.uuid4().hex}\n"


# -- fast


def test_cache_key_depends_on_every_input() -> None:
    base = cache_key("a", "S", "low")
    assert base == cache_key("a", "S", "low")
    assert len({base, cache_key("b", "S", "low"), cache_key("a", "T", "low"), cache_key("a", "S", "high")}) == 4


def test_fair_queue_takes_clients_in_turn() -> None:
    queue = FairQueue(1)
    queue.acquire("first")
    order: list[str] = []
    threads = []
    for client in ["greedy", "greedy", "greedy", "other", "third"]:
        thread = threading.Thread(target=lambda c=client: (queue.acquire(c), order.append(c), queue.release()))
        thread.start()
        threads.append(thread)
        while queue.waiting() < len(threads):
            time.sleep(0.001)
    queue.release()
    for thread in threads:
        thread.join(5)
    assert order == ["greedy", "other", "third", "greedy", "greedy"]
    assert queue.running() == 0


def test_fair_queue_never_exceeds_its_slots() -> None:
    queue = FairQueue(2)
    peak, lock, active = [0], threading.Lock(), [0]

    def work(i: int) -> None:
        with queue.slot(f"c{i % 3}"):
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            time.sleep(0.01)
            with lock:
                active[0] -= 1

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(30)))
    assert peak[0] == 2


def test_machine_slots_bound_renders_across_processes(tmp_path: Path) -> None:
    script = (
        "import sys, time\nfrom hisolver_core.rendering.queue import MachineSlots\n"
        "slots = MachineSlots(sys.argv[1], 2)\nwith slots.slot():\n"
        "    start = time.time(); time.sleep(0.4)\n    print(start, time.time())\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    spans = [tuple(map(float, p.communicate(timeout=30)[0].split())) for p in procs]
    events = sorted([(a, 1) for a, _ in spans] + [(b, -1) for _, b in spans])
    running = peak = 0
    for _t, delta in events:
        running += delta
        peak = max(peak, running)
    assert peak == 2


def test_the_sandbox_never_hides_system_folders(settings, monkeypatch) -> None:
    monkeypatch.setenv("HOME", "/")
    with Renderer(settings, workers=1, warm=False) as renderer:
        renderer.settings = settings.replace(data_dir=Path("/usr"))  # as if configured so; nothing is written
        hidden = renderer._hidden()
    assert "/" not in hidden and "/usr" not in hidden


def test_policy_errors_come_before_any_render(settings) -> None:
    with Renderer(settings, workers=1, warm=False) as renderer:
        with pytest.raises(RenderError) as info:
            renderer.render("import os\n" + SMALL)
        assert info.value.kind == "policy"
        with pytest.raises(RenderError) as info:
            renderer.render(SMALL, quality="ultra")
        assert info.value.kind == "policy"
        with pytest.raises(RenderError, match="scenes found: Small, Two"):
            renderer.render(SMALL + "class Two(Scene):\n    pass\n")


# -- slow: real renders


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    from hisolver_core.config import load_settings

    root = tmp_path_factory.mktemp("service")
    settings = load_settings({"HISOLVER_DATA_DIR": str(root / "data")}, secrets_file=root / "none.toml")
    with Renderer(settings, workers=2) as r:
        yield r


@pytest.mark.slow
def test_identical_request_comes_from_the_cache(renderer: Renderer) -> None:
    code = _unique()
    first = renderer.render(code)
    assert not first.cached and first.video_path.is_file() and first.poster_path.is_file()
    assert (first.width, first.height, first.fps) == (854, 480, 15) and first.duration_s > 0
    for key in (first.video_key, first.poster_key):
        assert key.startswith("renders/") and renderer.blobs.exists(key)
    again = renderer.render(code)  # how fast a cached repeat is: bench/render.py (cached_p50_ms)
    assert again.cached
    assert again.video_path == first.video_path
    # a fresh local cache (another machine) is filled from the blob store, not re-rendered
    shutil.rmtree(renderer.cache.local_dir)
    restored = renderer.render(code)
    assert restored.cached and restored.video_path.read_bytes() == renderer.blobs.get(first.video_key)


@pytest.mark.slow
def test_more_requests_than_workers_all_finish(renderer: Renderer) -> None:
    codes = [_unique() for _ in range(renderer.workers + 2)]
    peak = [0]
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], renderer.queue.running())
            time.sleep(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(len(codes)) as pool:
            results = list(pool.map(lambda c: renderer.render(c, client=c[-10:]), codes))
    finally:
        done.set()
        watcher.join()
    assert all(not r.cached and r.video_path.is_file() for r in results)
    assert len({r.key for r in results}) == len(codes)
    assert peak[0] == renderer.workers


@pytest.mark.slow
def test_simultaneous_identical_requests_render_once(renderer: Renderer) -> None:
    code = _unique()
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda _: renderer.render(code), range(3)))
    assert sorted(r.cached for r in results) == [False, True, True]


@pytest.mark.slow
def test_simultaneous_identical_failures_share_the_error(renderer: Renderer, monkeypatch) -> None:
    code = "from manim import *\nclass Bad(Scene):\n    def construct(self):\n        raise KeyError('k')\n" + _unique(
        ""
    )
    runs = []
    real = renderer._render_now
    monkeypatch.setattr(renderer, "_render_now", lambda *a: (runs.append(1), real(*a))[1])
    with ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(renderer.render, code) for _ in range(3)]
    errors = [f.exception() for f in futures]
    assert all(isinstance(e, RenderError) and e.kind == "manim" and "KeyError" in str(e) for e in errors)
    assert len(runs) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "body, kind, words",
    [
        ("        raise ValueError('bad value here')\n", "manim", "line 4: ValueError: bad value here"),
        ("        self.add(MathTex(r'\\nosuchmacro x'))\n", "manim", "line 4: LaTeX error: Undefined control sequence"),
        ("        self.add(Undefined())\n", "manim", "NameError"),
    ],
)
def test_render_errors_name_the_user_line(renderer: Renderer, body: str, kind: str, words: str) -> None:
    code = "from manim import *\nclass Broken(Scene):\n    def construct(self):\n" + body + f"# {uuid.uuid4().hex}\n"
    with pytest.raises(RenderError) as info:
        renderer.render(code)
    assert info.value.kind == kind and words in str(info.value)
    assert "sandbox: network" in info.value.log


@pytest.mark.slow
def test_medium_quality_is_720p30(renderer: Renderer) -> None:
    result = renderer.render(_unique(), quality="medium")
    assert (result.width, result.height, result.fps) == (1280, 720, 30)


@pytest.mark.slow
def test_cli_renders_and_copies(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(tmp_path / "data"))
    source = tmp_path / "small.py"
    source.write_text(_unique())
    out = CliRunner().invoke(
        main, ["render", str(source), "--scene", "Small", "--out", str(tmp_path / "out"), "--json"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output.strip().splitlines()[-1])
    assert data["ok"] and Path(data["video"]) == tmp_path / "out" / "Small.mp4" and Path(data["video"]).is_file()
    assert Path(data["poster"]).is_file() and data["width"] == 854


def test_cli_refuses_with_one_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(tmp_path / "data"))
    source = tmp_path / "evil.py"
    source.write_text("import subprocess\n" + SMALL)
    out = CliRunner().invoke(main, ["render", str(source)])
    assert out.exit_code == 1
    assert out.output.strip().splitlines() == [out.output.strip()]
    assert "policy: refused by the safety check: line 1: import of 'subprocess'" in out.output
    out = CliRunner().invoke(main, ["render", str(source), "--json"])
    assert out.exit_code == 1 and json.loads(out.output)["kind"] == "policy"


def test_untrusted_code_is_refused_where_the_sandbox_cannot_isolate(settings):
    from hisolver_core.rendering import scene_from_solution
    from hisolver_core.solution import SOLVED, Solution, Step

    code = "from manim import *\nclass Small(Scene):\n    def construct(self):\n        self.add(Circle())\n"
    with Renderer(settings, workers=1, warm=False) as renderer:
        renderer.isolated = False  # as on a host without namespaces (Docker without SYS_ADMIN)
        with pytest.raises(RenderError) as info:
            renderer.render(code)
        assert info.value.kind == "policy" and "HISOLVER_ALLOW_UNISOLATED_RENDER" in str(info.value)
        template = scene_from_solution(
            Solution(
                problem="x = 1",
                status=SOLVED,
                topic="linear equations",
                steps=[Step("x = 1", "Read off x.")],
                answer_latex="1",
            )
        )
        with pytest.raises(RenderError) as info:
            renderer.render(template.code, template.scene)  # not marked trusted: refused too
        assert info.value.kind == "policy"
    allowed = settings.replace(allow_unisolated_render=1)
    with Renderer(allowed, workers=1, warm=False) as renderer:
        renderer.isolated = False
        assert renderer.render(code).video_path.exists()
