"""Benchmark the render service: a linear-equation solution scene at low quality.

Prints one JSON object: uncached render time with a warm worker (p50 over
``--runs``), the same with no warm worker, and a cached repeat (p50, ms).
Targets (issue 4): uncached warm p50 <= 2.5 s on 2 cores; cached <= 50 ms.

    .venv/bin/python bench/render.py --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hisolver_core.config import load_settings  # noqa: E402
from hisolver_core.rendering import Renderer, scene_from_solution  # noqa: E402
from hisolver_core.solution import SOLVED, Solution, Step  # noqa: E402

LINEAR = Solution(
    problem="Solve 2x + 3 = 11.",
    status=SOLVED,
    topic="linear",
    steps=[
        Step("2x + 3 = 11", "Start from the equation."),
        Step("2x = 8", "Subtract 3 from both sides."),
        Step("x = 4", "Divide both sides by 2."),
    ],
    answer_latex="x = 4",
    verified=True,
)


def _timed(renderer: Renderer, code: str, scene: str) -> float:
    started = time.perf_counter()
    renderer.render(code, scene)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=2.0, help="seconds for the next warm worker to start")
    args = parser.parse_args(argv)
    scene = scene_from_solution(LINEAR)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"HISOLVER_DATA_DIR": tmp}, secrets_file=Path(tmp) / "none.toml")
        with Renderer(settings, workers=1, warm=True) as renderer:
            time.sleep(args.settle)
            warm = []
            for i in range(args.runs):
                warm.append(_timed(renderer, scene.code + f"# run {i}\n", scene.scene))
                time.sleep(args.settle)  # students do not arrive back to back; let the next worker warm up
            cached = [_timed(renderer, scene.code + "# run 0\n", scene.scene) for _ in range(20)]
        with Renderer(settings, workers=1, warm=False) as renderer:
            cold = [_timed(renderer, scene.code + f"# cold {i}\n", scene.scene) for i in range(max(1, args.runs // 2))]
    return {
        "scene": "linear equation, 3 steps, low quality (854x480, 15 fps)",
        "video_s": scene.duration_s,
        "uncached_warm_p50_s": round(statistics.median(warm), 3),
        "uncached_warm_runs_s": [round(t, 3) for t in warm],
        "uncached_cold_p50_s": round(statistics.median(cold), 3),
        "cached_p50_ms": round(statistics.median(cached) * 1000, 2),
        "cached_max_ms": round(max(cached) * 1000, 2),
        "targets": {"uncached_warm_p50_s": 2.5, "cached_p50_ms": 50},
        "cores": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__":
    print(json.dumps(main()))
