"""Benchmark the student's path: time to steps and time to video, alone and 8 students at once.

Picks the first 20 problems of the development sets (../shared/data) that the
built-in engine solves, renders each uncached (a fresh data folder), then has 8
simulated students solve different problems at the same time through one
shared renderer, as the app's server does. Prints one JSON object.

    .venv/bin/python bench/solve.py [--problems 20] [--students 8]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

from hisolver_core.config import load_settings  # noqa: E402
from hisolver_core.rendering import Renderer  # noqa: E402
from hisolver_core.solving import animate_and_record, solve_and_record  # noqa: E402


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
        if solve_and_record(settings, problem, options).solution.solved:
            chosen.append((problem, options))
    return chosen


def one_student(settings, renderer, problem, options) -> dict:
    started = time.perf_counter()
    outcome = solve_and_record(settings, problem, options)
    steps_s = time.perf_counter() - started
    anim = animate_and_record(settings, renderer, outcome)
    return {"steps_s": steps_s, "video_s": time.perf_counter() - started, "ok": anim.ok, "error": anim.error}


def pct(values, q):
    values = sorted(values)
    if len(values) == 1:
        return round(values[0], 3)
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 3)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=20)
    parser.add_argument("--students", type=int, default=8)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"HISOLVER_DATA_DIR": tmp}, secrets_file=Path(tmp) / "none.toml")
        problems = pick(settings, args.problems + args.students)
        single, crowd = problems[: args.problems], problems[args.problems:]
        with Renderer(settings) as renderer:
            renderer.render("from manim import *\nclass Warm(Scene):\n    def construct(self):\n        self.wait(0.1)\n")
            alone = [one_student(settings, renderer, p, o) for p, o in single]
            started = time.perf_counter()
            with ThreadPoolExecutor(args.students) as pool:
                together = list(pool.map(lambda po: one_student(settings, renderer, *po), crowd))
            crowd_wall = time.perf_counter() - started
    print(json.dumps({
        "machine": f"{os.cpu_count()} cores",
        "problems": len(alone),
        "steps_p50_s": pct([r["steps_s"] for r in alone], 50),
        "steps_p95_s": pct([r["steps_s"] for r in alone], 95),
        "video_p50_s": pct([r["video_s"] for r in alone], 50),
        "video_p95_s": pct([r["video_s"] for r in alone], 95),
        "videos_ok": sum(r["ok"] for r in alone),
        "concurrent_students": len(together),
        "concurrent_failures": sum(not r["ok"] for r in together),
        "concurrent_video_p50_s": pct([r["video_s"] for r in together], 50) if together else None,
        "concurrent_video_p95_s": pct([r["video_s"] for r in together], 95) if together else None,
        "concurrent_wall_s": round(crowd_wall, 2),
        "errors": [r["error"] for r in alone + together if r["error"]][:5],
    }))


if __name__ == "__main__":
    main()
