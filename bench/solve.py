"""Benchmark the student's path: time to steps, to the first playable step and to the full video.

Picks dev-set problems (../shared/data) that the built-in engine solves with at
least two steps, then for each, uncached (a fresh data folder):

- the app's path: solve, then render in chapters through the sandboxed renderer
  (time to step 1 playable, time to the full joined video);
- plain Manim (``python -m manim render -ql``, no sandbox, no warm worker) on the
  same full scene and on step 1's scene, in the same run, alternating order.

Ratios are app / plain Manim per problem (medians reported). Optionally 8
simulated students solve at once through one shared renderer. Prints one JSON
object with the load average before and after.

    .venv/bin/python bench/solve.py [--problems 8] [--students 0]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared/data beside the checkout (a worktree under wt/ looks one level further up)
DATA = next(
    (d for d in (ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data") if d.is_dir()),
    ROOT.parent / "shared" / "data",
)
sys.path.insert(0, str(ROOT))

from hisolver_core.config import load_settings  # noqa: E402
from hisolver_core.rendering import Renderer, scene_from_solution  # noqa: E402
from hisolver_core.solving import animate_and_record, solve_and_record  # noqa: E402
from hisolver_core.solving.animate import ChapterProgress  # noqa: E402


def candidates():
    """Yield (problem, options) from MATH-500 Algebra/Prealgebra levels 1-3, then AQuA."""
    for line in (DATA / "math500_test.jsonl").read_text().splitlines():
        row = json.loads(line)
        if row["subject"] in ("Algebra", "Prealgebra") and row["level"] <= 3:
            yield row["problem"], None
    for line in (DATA / "aqua_test.jsonl").read_text().splitlines():
        row = json.loads(line)
        yield row["question"], row["options"]


def pick(settings, count: int):
    chosen = []
    for problem, options in candidates():
        if len(chosen) == count:
            break
        solution = solve_and_record(settings, problem, options).solution
        if solution.solved and len(solution.steps) >= 2:
            chosen.append((problem, options))
    return chosen


def plain_manim(code: str, scene: str) -> float:
    """Wall seconds for plain ``manim -ql`` on ``code`` in a fresh folder (the baseline)."""
    with tempfile.TemporaryDirectory(prefix="bench-manim-") as tmp:
        path = Path(tmp) / "scene.py"
        path.write_text(code)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "manim", "render", "-ql", "--silent", "--media_dir", tmp, str(path), scene],
            cwd=tmp,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
            env={**os.environ, "COLUMNS": "200"},
        )
        return time.perf_counter() - started


def app_path(settings, renderer, problem, options) -> dict:
    started = time.perf_counter()
    outcome = solve_and_record(settings, problem, options)
    steps_s = time.perf_counter() - started
    progress = ChapterProgress()
    anim = animate_and_record(settings, renderer, outcome, progress=progress)
    video_s = time.perf_counter() - started
    return {
        "steps_s": steps_s,
        "first_s": steps_s + (progress.first_ready_s or video_s),
        "video_s": video_s,
        "ok": anim.ok,
        "error": anim.error,
        "solution": outcome.solution,
        "video_length_s": round(scene_from_solution(outcome.solution).duration_s, 1),
    }


def one_problem(settings, renderer, problem, options, app_first: bool) -> dict:
    from hisolver_core.solving import solve_problem

    scene = scene_from_solution(solve_problem(settings, problem, options).solution)
    runs = {}
    order = ["app", "plain"] if app_first else ["plain", "app"]
    for which in order:
        if which == "app":
            runs.update(app_path(settings, renderer, problem, options))
        else:
            runs["plain_full_s"] = plain_manim(scene.code, scene.scene)
            runs["plain_first_s"] = plain_manim(scene.chapters[0].code, scene.scene)
    runs["first_ratio"] = runs["first_s"] / runs["plain_first_s"]
    runs["full_ratio"] = runs["video_s"] / runs["plain_full_s"]
    return runs


def pct(values, q):
    values = sorted(values)
    if len(values) == 1:
        return round(values[0], 3)
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 3)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=8)
    parser.add_argument("--students", type=int, default=0, help="students solving at once afterwards (0: skip)")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"HISOLVER_DATA_DIR": tmp}, secrets_file=Path(tmp) / "none.toml")
        problems = pick(settings, args.problems + args.students)
        single, crowd = problems[: args.problems], problems[args.problems :]
        with Renderer(settings) as renderer:
            renderer.render(
                "from manim import *\nclass Warm(Scene):\n    def construct(self):\n        self.wait(0.1)\n"
            )
            plain_manim(
                "from manim import *\nclass Warm(Scene):\n    def construct(self):\n        self.wait(0.1)\n", "Warm"
            )  # both sides start with warm disk caches
            alone = [one_problem(settings, renderer, p, o, i % 2 == 0) for i, (p, o) in enumerate(single)]
            started = time.perf_counter()
            with ThreadPoolExecutor(max(1, args.students)) as pool:
                together = list(pool.map(lambda po: app_path(settings, renderer, *po), crowd))
            crowd_wall = time.perf_counter() - started

    def med(key, rows=alone):
        return round(statistics.median(r[key] for r in rows), 3) if rows else None

    print(
        json.dumps(
            {
                "machine": f"{os.cpu_count()} cores",
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in os.getloadavg()],
                "problems": len(alone),
                "video_length_s_median": med("video_length_s"),
                "steps_p50_s": pct([r["steps_s"] for r in alone], 50),
                "first_step_p50_s": pct([r["first_s"] for r in alone], 50),
                "first_step_p95_s": pct([r["first_s"] for r in alone], 95),
                "full_video_p50_s": pct([r["video_s"] for r in alone], 50),
                "full_video_p95_s": pct([r["video_s"] for r in alone], 95),
                "plain_manim_first_step_p50_s": pct([r["plain_first_s"] for r in alone], 50),
                "plain_manim_full_p50_s": pct([r["plain_full_s"] for r in alone], 50),
                "first_step_ratio_median": med("first_ratio"),
                "first_step_ratio_max": round(max(r["first_ratio"] for r in alone), 3),
                "full_video_ratio_median": med("full_ratio"),
                "full_video_ratio_max": round(max(r["full_ratio"] for r in alone), 3),
                "videos_ok": sum(r["ok"] for r in alone),
                "concurrent_students": len(together),
                "concurrent_failures": sum(not r["ok"] for r in together),
                "concurrent_first_step_p50_s": pct([r["first_s"] for r in together], 50) if together else None,
                "concurrent_video_p50_s": pct([r["video_s"] for r in together], 50) if together else None,
                "concurrent_wall_s": round(crowd_wall, 2) if together else None,
                "errors": [r["error"] for r in alone + together if r["error"]][:5],
            }
        )
    )


if __name__ == "__main__":
    main()
