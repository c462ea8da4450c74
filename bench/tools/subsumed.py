"""Whether other readers give a reader family's answers: rerun its items with it unregistered; print JSON.

Before a family is deleted, every item it answers must still be answered, with the same answer and
option, by the readers that stay. This script reads the per-item results of a baseline run
(``bench/engine.py --out-dir DIR``), takes on each set the items answered by the ``--readers``
given, removes those readers from the registry and solves the items again (in a worker process
under the time limit, as ``bench/engine.py`` does). Each item is then ``same``, ``changed``
(another answer or option: correct or not), ``lost`` (declined now) or, with ``--all`` (every item
of the set is rerun: a removed reader's decline can let a later reader answer), ``new``.

    .venv/bin/python bench/tools/subsumed.py --baseline DIR --readers graph_property,circle_property [--all]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent  # bench/ (this tool needs arguments, so `make bench` skips tools/)
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from engine import SETS, _default_data  # noqa: E402  (bench/engine.py: the same sets and filters)

from hisolver_core.evaluation.datasets import load_items  # noqa: E402
from hisolver_core.evaluation.runner import run_items  # noqa: E402
from hisolver_core.mathengine import readers  # noqa: E402


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="folder of per-item results <set>.jsonl")
    parser.add_argument("--readers", required=True, help="comma-separated reader names to unregister")
    parser.add_argument("--all", action="store_true", help="rerun every item of each set, not only theirs")
    parser.add_argument("--data", default=str(_default_data()), help="folder with the JSONL files")
    parser.add_argument("--only", action="append", choices=sorted(SETS), help="run only these sets (repeatable)")
    parser.add_argument("--time-limit", type=float, default=5.0, help="seconds per problem")
    return parser


def _verdict(base: dict, now: dict) -> str:
    """How the item fared without the readers: same, changed, changed_wrong, lost, new, new_wrong."""
    was, answered = base["correct"] is not None, now["correct"] is not None
    if was and not answered:
        return "lost"
    if was and (now["answer"], now["choice"]) != (base["answer"], base["choice"]):
        return "changed" if now["correct"] else "changed_wrong"
    if not was and answered:
        return "new" if now["correct"] else "new_wrong"
    return "same"


def main(args: argparse.Namespace) -> dict:
    names = [n for n in args.readers.split(",") if n]
    known = {r.name for r in readers.registered_readers()}
    if unknown := sorted(set(names) - known):
        raise SystemExit(f"unknown readers: {', '.join(unknown)}")
    for name in names:  # the forked workers inherit the registry without them
        readers._REGISTRY.pop(name)
    totals: Counter[str] = Counter()
    per_set: dict[str, dict] = {}
    changes: list[dict] = []
    for set_name, (file, fmt, filters) in SETS.items():
        base_file = Path(args.baseline) / f"{set_name}.jsonl"
        if (args.only and set_name not in args.only) or not base_file.exists():
            continue
        base = {r["id"]: r for r in map(json.loads, base_file.read_text().splitlines())}
        path = Path(file) if Path(file).is_absolute() else Path(args.data) / file
        items = load_items(path, fmt, **filters)
        if not args.all:
            items = [it for it in items if base[it.id]["reader"] in names and base[it.id]["correct"] is not None]
        if not items:
            continue
        report = run_items(items, time_limit_s=args.time_limit)
        counts: Counter[str] = Counter()
        for now in report.items:
            b = base[now["id"]]
            verdict = _verdict(b, now)
            counts[verdict] += 1
            if verdict != "same":
                changes.append(
                    {
                        "set": set_name,
                        "id": now["id"],
                        "verdict": verdict,
                        "was": [b["reader"], b["answer"], b["choice"]],
                        "now": [now["reader"], now["answer"], now["choice"]],
                        "reason": now["reason"],
                        "problem": now["problem"][:200],
                    }
                )
        per_set[set_name] = dict(counts)
        totals.update(counts)
    return {"readers": names, "total": dict(totals), "sets": per_set, "changes": changes}


if __name__ == "__main__":
    print(json.dumps(main(make_parser().parse_args())))
