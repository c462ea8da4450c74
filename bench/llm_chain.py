"""Benchmark the LLM chain's own overhead: stub OpenAI round trip + parsing + verification, and the
local worker (tiny model) start and generation speed. Prints one JSON object.

    .venv/bin/python bench/llm_chain.py [--solves 50]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "llm"))  # the stub server and tiny model used by the tests


def _ms(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
    }


def bench_chain(solves: int) -> dict:
    from llm_stub_servers import StubOpenAI, answer_json

    from hisolver_core.config import Settings
    from hisolver_core.solving import solve_with_chain

    stub = StubOpenAI()
    settings = Settings(
        backends="openai",
        openai_base_url=stub.base_url,
        openai_model="m",
        backend_retries=0,
        data_dir=Path(tempfile.mkdtemp()),
    )
    results = {}
    for label, problem in (
        ("engine_agrees", "Solve 2x + 3 = 7 for x."),
        ("substitution", "A wizard writes 3x - 5 = 10 on a scroll. Find x."),
    ):
        answer = "x = 2" if label == "engine_agrees" else "x = 5"
        times = []
        for _ in range(solves):
            stub.push(answer_json(answer_latex=answer, answer=answer))
            started = time.perf_counter()
            solution = solve_with_chain(settings, problem)
            times.append(time.perf_counter() - started)
            assert solution.verified, solution.notes
        results[label] = _ms(times)
    stub.close()
    return results


def bench_local() -> dict:
    from llm_tiny_model import build_tiny_model

    from hisolver_core.config import Settings
    from hisolver_core.llm.local_backend import LocalBackend, shutdown_workers
    from hisolver_core.llm.prompting import solution_messages

    model_dir, _ = build_tiny_model(Path(tempfile.mkdtemp()))
    backend = LocalBackend(Settings(local_model_path=str(model_dir)), generate_kwargs={"min_new_tokens": 256})
    started = time.perf_counter()
    backend.info()
    start_s = time.perf_counter() - started
    generation = backend.generate(solution_messages("Solve 2x + 3 = 7 for x."), max_new_tokens=256)
    shutdown_workers()
    return {
        "worker_start_s": round(start_s, 2),
        "tokens": generation.new_tokens,
        "tokens_per_s": round(generation.new_tokens / generation.seconds, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--solves", type=int, default=50)
    args = parser.parse_args(argv)
    print(json.dumps({"chain_openai_stub": bench_chain(args.solves), "local_tiny_model": bench_local()}))


if __name__ == "__main__":
    main()
