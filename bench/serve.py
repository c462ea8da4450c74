"""Benchmark ``hisolver serve`` with a tiny model (built from a config): requests/s and p50/p95 latency
with 1 and 8 concurrent clients, and the queue past its bound (503s, no crash). Prints one JSON object.

    .venv/bin/python bench/serve.py [--requests 40] [--max-tokens 16]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "llm"))  # the tiny model the tests use


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(model_dir: Path, queue: int, max_tokens: int) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "HISOLVER_DATA_DIR": tempfile.mkdtemp()}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hisolver_core.cli",
            "serve",
            "--model-dir",
            str(model_dir),
            "--port",
            str(port),
            "--queue",
            str(queue),
            "--max-tokens",
            str(max_tokens),
        ],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < 300:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as r:
                if json.loads(r.read())["status"] == "ready":
                    return proc, url, time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not become ready")


def _post(url: str, max_tokens: int) -> tuple[int, float]:
    body = json.dumps(
        {"model": "tiny", "max_tokens": max_tokens, "messages": [{"role": "user", "content": "Animate a blue circle."}]}
    ).encode()
    request = urllib.request.Request(
        url + "/v1/chat/completions", data=body, headers={"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, ConnectionError):
        status = 0  # no HTTP answer at all: what the bound must prevent
    return status, time.perf_counter() - started


def _load(url: str, clients: int, total: int, max_tokens: int) -> dict:
    results: list[tuple[int, float]] = []
    lock = threading.Lock()
    per_client = max(1, total // clients)
    barrier = threading.Barrier(clients)

    def client() -> None:
        barrier.wait()
        for _ in range(per_client):
            outcome = _post(url, max_tokens)
            with lock:
                results.append(outcome)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ok = sorted(s for code, s in results if code == 200)
    return {
        "clients": clients,
        "requests": len(results),
        "ok": len(ok),
        "requests_per_s": round(len(ok) / wall, 2),
        "p50_ms": round(statistics.median(ok) * 1000, 1) if ok else None,
        "p95_ms": round(ok[int(0.95 * (len(ok) - 1))] * 1000, 1) if ok else None,
        "statuses": sorted({code for code, _ in results}),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--max-tokens", type=int, default=16)
    args = parser.parse_args(argv)
    from llm_tiny_model import build_tiny_model

    folder = Path(tempfile.mkdtemp())
    model_dir, adapter_dir = build_tiny_model(folder)
    proc, url, ready_s = _start(adapter_dir, queue=8, max_tokens=args.max_tokens)
    try:
        _post(url, args.max_tokens)  # warm-up
        runs = [_load(url, c, args.requests, args.max_tokens) for c in (1, 8)]
    finally:
        proc.terminate()
        proc.wait(10)
    proc, url, _ = _start(adapter_dir, queue=2, max_tokens=128)
    try:
        burst = _load(url, 24, 24, 128)
        with urllib.request.urlopen(url + "/health", timeout=5) as r:
            healthy_after = json.loads(r.read())["status"]
    finally:
        proc.terminate()
        proc.wait(10)
    print(
        json.dumps(
            {
                "model": "tiny Llama (2 layers, d=64) + LoRA adapter, CPU",
                "max_tokens": args.max_tokens,
                "startup_to_ready_s": round(ready_s, 2),
                "load": runs,
                "past_the_bound": {
                    "queue": 2,
                    "clients": 24,
                    "ok": burst["ok"],
                    "statuses": burst["statuses"],
                    "health_after": healthy_after,
                },
                "cores": os.cpu_count(),
                "load_average": [round(x, 2) for x in os.getloadavg()],
            }
        )
    )


if __name__ == "__main__":
    main()
