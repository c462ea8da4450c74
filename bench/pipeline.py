"""Benchmark: local pipeline part 1 on the fixture files, each step a job; printed as one JSON object.

    .venv/bin/python bench/pipeline.py [--render-limit 1]

Reports the whole run, each step's seconds (as recorded on the run) and what
running a step as a job costs beyond its work: the same commands run in one
process per step without the jobs layer, and the difference.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hisolver_core.config import load_settings  # noqa: E402
from hisolver_core.pipelines import part1_params, run_pipeline, start_pipeline, steps_of  # noqa: E402

FIXTURES = ROOT / "tests" / "collection" / "fixtures"


def _corpus(folder: Path) -> Path:
    repo = folder / "repo"
    repo.mkdir()
    for path in FIXTURES.glob("*.py.txt"):
        shutil.copy(path, repo / path.name.removesuffix(".txt"))
    return repo


def _direct(data_dir: Path, repo: Path, render_limit: int) -> float:
    """The same four commands, each a plain subprocess (no jobs, no run records)."""
    env = {**os.environ, "HISOLVER_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    for step in steps_of("part1"):
        args = [str(a) for a in step.args(part1_params(source=str(repo), render_limit=render_limit))]
        subprocess.run([sys.executable, "-m", "hisolver_core.cli", *args], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--render-limit", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        repo = _corpus(folder)
        os.environ["HISOLVER_DATA_DIR"] = str(folder / "data")
        settings = load_settings()
        started = time.perf_counter()
        run_id = start_pipeline(settings, "part1", part1_params(source=str(repo), render_limit=args.render_limit))
        run = run_pipeline(settings, run_id)
        total = time.perf_counter() - started
        direct = _direct(folder / "direct", repo, args.render_limit)
    print(
        json.dumps(
            {
                "benchmark": "pipeline part1 (local, each step a job)",
                "files": len(list(FIXTURES.glob("*.py.txt"))),
                "status": run["status"],
                "seconds": round(total, 2),
                "steps": {s["name"]: s["seconds"] for s in run["steps"]},
                "same_commands_without_jobs_s": round(direct, 2),
                "jobs_overhead_per_step_s": round((total - direct) / len(run["steps"]), 2),
                "snippets_waiting_for_labels": run["snippets_waiting"],
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
