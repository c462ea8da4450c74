"""bench/engine.py reports which reader answered: per item (--out-dir) and counted per set (answered_by)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "engine.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_engine", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_answered_by_counts_the_readers_of_answered_items(tmp_path):
    bench = _bench()
    args = bench.make_parser().parse_args(["--only", "sat_style_dev", "--limit", "6", "--out-dir", str(tmp_path)])
    row = bench.main(args)["sat_style_dev"]
    items = [json.loads(line) for line in (tmp_path / "sat_style_dev.jsonl").read_text().splitlines()]
    assert len(items) == 6 and row["answered"] > 0
    assert sum(row["answered_by"].values()) == row["answered"]
    for item in items:
        assert bool(item["reader"]) == (item["status"] == "solved")
    answered = [i["reader"] for i in items if i["correct"] is not None]
    assert row["answered_by"] == {r: answered.count(r) for r in set(answered)}
