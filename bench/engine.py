"""Benchmark the built-in math engine on the shared data sets; print one JSON object.

Per data set: total, answered, correct, wrong, precision (correct/answered),
coverage (answered/total), the median and p95 seconds per problem (each
problem solved in a worker process under the harness's time limit), and
``answered_by``: how many answered items each engine reader answered (the
per-item lines of ``--out-dir`` carry the reader too). Each set
also gets ``first_half`` and ``second_half`` summaries (the file split in two in
file order): rules are developed on the first half, the second is a held-out check.

    .venv/bin/python bench/engine.py [--data ../shared/data] [--limit N] [--only aqua] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hisolver_core.evaluation.datasets import load_items  # noqa: E402
from hisolver_core.evaluation.runner import run_items, summarise  # noqa: E402
from hisolver_core.evaluation.sets import packaged_set  # noqa: E402

SETS = {
    "aqua": ("aqua_test.jsonl", "aqua", {}),
    "gsm8k": ("gsm8k_test.jsonl", "gsm8k", {}),
    "math500_alg_prealg_l1_3": ("math500_test.jsonl", "math", {"subjects": ["Algebra", "Prealgebra"], "max_level": 3}),
    # the whole MATH test, Algebra and Prealgebra levels 1-3 (MATH-500's items are among them)
    "math_alg_prealg_l1_3": ("math_test.jsonl", "math", {"subjects": ["Algebra", "Prealgebra"], "max_level": 3}),
    # MATH Prealgebra levels 4-5: the development set for the Prealgebra items that fill most of the held-out
    # second half of math_alg_prealg_l1_3 (its first half is all Algebra)
    "math_prealg_l4_5": ("math_test.jsonl", "math", {"subjects": ["Prealgebra"], "min_level": 4}),
    # MATH Geometry and Counting & Probability levels 1-3: development set for the Prealgebra items on figures
    # and counting (not an SAT target of its own)
    "math_geo_cp_l1_3": (
        "math_test.jsonl",
        "math",
        {"subjects": ["Geometry", "Counting & Probability"], "max_level": 3},
    ),
    # the whole MATH test, Number Theory levels 1-3 (integer-property questions)
    "math_numtheory_l1_3": ("math_test.jsonl", "math", {"subjects": ["Number Theory"], "max_level": 3}),
    "mmlu_elementary": ("mmlu_elementary_math.jsonl", "mmlu", {}),
    # short word problems by many authors: SVAMP is the development set, ASDiv and MAWPS are held out
    "svamp": ("svamp_test.jsonl", "svamp", {}),
    "asdiv": ("asdiv_test.jsonl", "asdiv", {}),
    "mawps": ("mawps_test.jsonl", "mawps", {}),
    # our own SAT-style development set (AGIEval layout), shipped in the package (evaluation/data/)
    "sat_style_dev": (str(packaged_set("sat_style_dev")), "agieval", {}),
    # 680 SAT-style items written without sight of the engine, in nine batches (each held out when first measured)
    "sat_style_fresh": (str(packaged_set("sat_style_fresh")), "agieval", {}),
    # 520 adversarial SAT-style items: each has a twist that a shallow reading gets wrong (precision check)
    "sat_traps": (str(packaged_set("sat_traps")), "agieval", {}),
}


def _default_data() -> Path:
    """``../shared/data`` beside the checkout (a worktree under ``wt/`` looks one level higher)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    return ROOT.parent / "shared" / "data"


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(_default_data()), help="folder with the JSONL files")
    parser.add_argument("--limit", type=int, default=None, help="only the first N problems of each set")
    parser.add_argument("--time-limit", type=float, default=5.0, help="seconds per problem")
    parser.add_argument("--only", action="append", choices=sorted(SETS), help="run only these sets (repeatable)")
    parser.add_argument("--out-dir", default=None, help="write per-item results to DIR/<set>.jsonl")
    return parser


_KEYS = ("total", "answered", "correct", "wrong", "precision", "coverage", "median_s", "p95_s", "timeouts", "seconds")
_HALF_KEYS = ("total", "answered", "correct", "wrong", "precision", "coverage")


def _answered_by(items: list[dict]) -> dict[str, int]:
    """How many answered items each engine reader answered (most first)."""
    counts = Counter(r.get("reader") or "?" for r in items if r["correct"] is not None)
    return dict(counts.most_common())


def main(args: argparse.Namespace) -> dict:
    results = {}
    for name, (file, fmt, filters) in SETS.items():
        if args.only and name not in args.only:
            continue
        path = Path(file) if Path(file).is_absolute() else Path(args.data) / file
        if not path.exists():
            results[name] = {"missing": str(path)}
            continue
        items = load_items(path, fmt, limit=args.limit, **filters)
        out = Path(args.out_dir) / f"{name}.jsonl" if args.out_dir else None
        report = run_items(items, time_limit_s=args.time_limit, out=out)
        s = report.summary
        row = {k: s[k] for k in _KEYS}
        row["answered_by"] = _answered_by(report.items)
        half = len(report.items) // 2
        for label, part in (("first_half", report.items[:half]), ("second_half", report.items[half:])):
            summary = summarise(part, 0.0)
            row[label] = {k: summary[k] for k in _HALF_KEYS}
        results[name] = row
    return results


if __name__ == "__main__":
    print(json.dumps(main(make_parser().parse_args())))
