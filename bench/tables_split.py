"""Measure the engine on the table items of the shared sets, split for development (even) and held out (odd).

The items: every MATH test problem (``math_test.jsonl``, file index from 0) with a ``tabular`` or
``\\begin{array}``, the same in MATH-500, and the MMLU elementary questions that ask for a mean,
median, mode or range. Prints one JSON object: per group total, answered, correct, wrong and the
wrong items' indices.

    .venv/bin/python bench/tables_split.py [--data ../shared/data] [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hisolver_core.evaluation.datasets import load_items  # noqa: E402
from hisolver_core.evaluation.runner import score_item  # noqa: E402
from hisolver_core.mathengine import solve  # noqa: E402

_TABLE = re.compile(r"\\begin\{(?:tabular|array)\}")
_STAT = re.compile(r"\b(?:mean|median|mode|average|range)\b", re.I)


def _groups(data: Path) -> dict[str, list]:
    groups: dict[str, list] = {"math_even": [], "math_odd": [], "math500": [], "mmlu_stats": []}
    for i, item in enumerate(load_items(data / "math_test.jsonl", "math")):
        if _TABLE.search(item.problem):
            groups["math_even" if i % 2 == 0 else "math_odd"].append((i, item))
    for i, item in enumerate(load_items(data / "math500_test.jsonl", "math")):
        if _TABLE.search(item.problem):
            groups["math500"].append((i, item))
    for i, item in enumerate(load_items(data / "mmlu_elementary_math.jsonl", "mmlu")):
        if _STAT.search(item.problem):
            groups["mmlu_stats"].append((i, item))
    return groups


def main(args: argparse.Namespace) -> dict:
    out: dict[str, dict] = {}
    for name, items in _groups(Path(args.data)).items():
        row = {"total": len(items), "answered": 0, "correct": 0, "wrong": [], "answered_ids": []}
        for i, item in items:
            started = time.perf_counter()
            sol = solve(item.problem, item.options or None).to_dict()
            verdict = score_item(item, sol)
            if args.show:
                print(
                    name,
                    i,
                    sol.get("status"),
                    sol.get("answer_latex"),
                    verdict,
                    round(time.perf_counter() - started, 3),
                    (sol.get("reason") or "")[:90],
                    file=sys.stderr,
                )
            if verdict is None:
                continue
            row["answered"] += 1
            row["answered_ids"].append(i)
            if verdict:
                row["correct"] += 1
            else:
                row["wrong"].append(i)
        out[name] = row
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent.parent / "shared" / "data"))
    parser.add_argument("--show", action="store_true", help="one line per item on stderr")
    print(json.dumps(main(parser.parse_args())))
