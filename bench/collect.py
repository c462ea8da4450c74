"""Benchmark: GitHub collection against the stub server (50 ms per request), printed as one JSON object.

    .venv/bin/python bench/collect.py [--repos 200] [--files 20] [--latency 0.05] [--workers 8]

Target (issue 7): at least 300 files/s and at most 2 requests per repository beyond the search pages.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "collection"))

from github_stub import GitHubStub, make_repos  # noqa: E402

from hisolver_core.collection.github import GitHubOptions, collect_github  # noqa: E402
from hisolver_core.config import load_settings  # noqa: E402


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=200)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args(argv)
    stub = GitHubStub(make_repos(args.repos, args.files), latency=args.latency).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings(
                {"HISOLVER_DATA_DIR": tmp, "HISOLVER_GITHUB_API_URL": stub.url}, secrets_file=Path(tmp) / "none.toml"
            )
            opts = GitHubOptions(query="manim", workers=args.workers)
            started = time.perf_counter()
            result = collect_github(settings, opts)
            seconds = time.perf_counter() - started
            first_counts = dict(stub.counts)
            stub.counts.clear()
            started = time.perf_counter()
            again = collect_github(settings, opts)
            rerun_s = time.perf_counter() - started
            rerun_counts = dict(stub.counts)
    finally:
        stub.stop()
    beyond_search = first_counts["total"] - first_counts.get("search", 0)
    out = {
        "bench": "collect",
        "repos": result.repos_collected,
        "files": result.files,
        "latency_s": args.latency,
        "workers": args.workers,
        "seconds": round(seconds, 3),
        "files_per_s": round(result.files / seconds, 1),
        "search_requests": first_counts.get("search", 0),
        "requests_per_repo_beyond_search": round(beyond_search / max(1, result.repos_collected), 3),
        "rerun_seconds": round(rerun_s, 3),
        "rerun_repos_skipped": again.repos_skipped,
        "rerun_requests_beyond_search": rerun_counts.get("total", 0) - rerun_counts.get("search", 0),
        "targets_met": result.files / seconds >= 300 and beyond_search <= 2 * result.repos_collected,
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
