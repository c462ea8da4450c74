"""Benchmark the built-in math engine on the shared data sets; print one JSON object.

Per data set: total, answered, correct, wrong, precision (correct/answered),
coverage (answered/total), and the median and p95 seconds per problem (each
problem solved in a worker process under the harness's time limit).

    .venv/bin/python bench/engine.py [--data ../shared/data] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hisolver_core.evaluation import run_eval  # noqa: E402

SETS = {
    "aqua": ("aqua_test.jsonl", "aqua", {}),
    "gsm8k": ("gsm8k_test.jsonl", "gsm8k", {}),
    "math500_alg_prealg_l1_3": ("math500_test.jsonl", "math", {"subjects": ["Algebra", "Prealgebra"], "max_level": 3}),
}


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="folder with the JSONL files")
    parser.add_argument("--limit", type=int, default=None, help="only the first N problems of each set")
    parser.add_argument("--time-limit", type=float, default=5.0, help="seconds per problem")
    return parser


def main(args: argparse.Namespace) -> dict:
    results = {}
    for name, (file, fmt, filters) in SETS.items():
        path = Path(args.data) / file
        if not path.exists():
            results[name] = {"missing": str(path)}
            continue
        report = run_eval(path, fmt, limit=args.limit, time_limit_s=args.time_limit, **filters)
        s = report.summary
        results[name] = {k: s[k] for k in ("total", "answered", "correct", "wrong", "precision", "coverage",
                                           "median_s", "p95_s", "timeouts", "seconds")}
    return results


if __name__ == "__main__":
    print(json.dumps(main(make_parser().parse_args())))
