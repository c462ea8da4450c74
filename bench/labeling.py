"""Benchmark: labeling queue throughput (one and several processes) and dataset version build.

Prints one JSON object. Run: ``.venv/bin/python bench/labeling.py [--snippets 2000] [--workers 4]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import tempfile
import time
from pathlib import Path

from hisolver_core import datasets, labeling
from hisolver_core.config import load_settings
from hisolver_core.db import open_db, transaction

CODE = (
    "from manim import *\n\nclass S{n}(Scene):\n    def construct(self):\n"
    "        self.play(Create(Circle(radius={n})))\n"
)


def _settings(data_dir: str):
    return load_settings({"HISOLVER_DATA_DIR": data_dir}, secrets_file=Path(data_dir) / "none.toml")


def seed(data_dir: str, count: int) -> None:
    db = open_db(_settings(data_dir))
    with transaction(db):
        db.execute("INSERT INTO repos (full_name, source) VALUES ('local:bench', 'local')")
        db.conn.executemany("INSERT INTO files (repo_id, path) VALUES (1, ?)", [(f"f{n}.py",) for n in range(count)])
        db.conn.executemany(
            "INSERT INTO snippets (file_id, scene_name, code, dialect, code_hash, is_representative, render_status) "
            "VALUES (?, ?, ?, 'community', ?, 1, 'ok')",
            [
                (n + 1, f"S{n}", CODE.format(n=n), hashlib.sha256(CODE.format(n=n).encode()).hexdigest())
                for n in range(count)
            ],
        )
    db.close()


def drain(args: tuple[str, str]) -> int:
    data_dir, annotator = args
    db = open_db(_settings(data_dir))
    done = 0
    while (item := labeling.next_snippet(db, annotator)) is not None:
        labeling.save_label(db, annotator, item.snippet_id, f"Draw a circle of radius {item.snippet_id}")
        done += 1
    db.close()
    return done


def timed_drain(count: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        seed(tmp, count)
        start = time.perf_counter()
        if workers == 1:
            total = drain((tmp, "solo"))
        else:
            with mp.get_context("fork").Pool(workers) as pool:
                total = sum(pool.map(drain, [(tmp, f"a{i}") for i in range(workers)]))
        elapsed = time.perf_counter() - start
        result = {
            "workers": workers,
            "labels": total,
            "seconds": round(elapsed, 3),
            "labels_per_s": round(total / elapsed, 1),
        }
        if workers == 1:
            settings = _settings(tmp)
            start = time.perf_counter()
            manifest = datasets.create_version(settings, "bench", val_fraction=0.1)
            result["dataset_create_s"] = round(time.perf_counter() - start, 3)
            start = time.perf_counter()
            version = datasets.load_version(settings, "bench")
            rows = sum(1 for _ in version.iter_train()) + sum(1 for _ in version.iter_val())
            result["dataset_load_and_read_s"] = round(time.perf_counter() - start, 3)
            result["dataset_rows"] = rows
            result["dataset_val"] = manifest["counts"]["val"]
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--snippets", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    print(
        json.dumps(
            {
                "snippets": args.snippets,
                "single": timed_drain(args.snippets, 1),
                "concurrent": timed_drain(args.snippets, args.workers),
            }
        )
    )


if __name__ == "__main__":
    main()
