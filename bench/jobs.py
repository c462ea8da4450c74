"""Benchmark: the local job runner, printed as one JSON object.

    .venv/bin/python bench/jobs.py [--runs 8]

Measures how long ``submit_job`` takes to return, how long a trivial job
(``hisolver jobs selftest --seconds 0``) takes from submission to ``succeeded``
(process start, imports, bookkeeping), how long a cancel takes when the job
honours SIGTERM, and how fast a queue of jobs drains through one slot.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hisolver_core.config import load_settings  # noqa: E402
from hisolver_core.jobs import JobSpec, cancel_job, find_job, submit_job, wait_job  # noqa: E402

QUICK = JobSpec("selftest", ("jobs", "selftest", "--seconds", "0"))
LONG = JobSpec("selftest", ("jobs", "selftest", "--seconds", "600"))


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            {"HISOLVER_DATA_DIR": tmp, "HISOLVER_JOB_SLOTS": "selftest=1"}, secrets_file=Path(tmp) / "none.toml"
        )
        submit_s, total_s, cancel_s = [], [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            job_id = submit_job(settings, QUICK)
            submit_s.append(time.perf_counter() - t0)
            wait_job(settings, job_id, timeout_s=120, poll_s=0.02)
            total_s.append(time.perf_counter() - t0)
        for _ in range(max(2, args.runs // 2)):
            job_id = submit_job(settings, LONG)
            while not find_job(settings, job_id)["message"].startswith("step"):
                time.sleep(0.02)  # running its command, SIGTERM handler installed
            t0 = time.perf_counter()
            cancel_job(settings, job_id)
            cancel_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        queue = [submit_job(settings, QUICK) for _ in range(args.runs)]
        wait_job(settings, queue[-1], timeout_s=300, poll_s=0.05)
        drain_s = time.perf_counter() - t0
    result = {
        "runs": args.runs,
        "submit_ms_p50": round(_median(submit_s) * 1000, 1),
        "trivial_job_s_p50": _median(total_s),
        "trivial_job_s_max": round(max(total_s), 3),
        "cancel_s_p50": _median(cancel_s),
        "queue_of_jobs_one_slot": args.runs,
        "queue_drain_s": round(drain_s, 2),
        "load_average": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
