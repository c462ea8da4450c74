"""Benchmark corpus quality: does the safety check plus the sandbox render what plain Manim renders?

Renders every scene of a corpus folder (by default the fixture corpus of Community
scenes in tests/rendering/fixtures/corpus) twice: through :func:`check_code` and the
sandboxed :class:`Renderer`, and through plain ``manim -ql`` in a subprocess. Prints
one JSON object: render success of both, the scenes that fail only in the sandbox
(target: none), the refusals with their rule and line, and the time each side took.

    .venv/bin/python bench/corpus.py [--corpus DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hisolver_core.config import load_settings  # noqa: E402
from hisolver_core.errors import RenderError  # noqa: E402
from hisolver_core.rendering import Renderer, check_code, find_scenes  # noqa: E402

CORPUS = ROOT / "tests" / "rendering" / "fixtures" / "corpus"
PLAIN_TIMEOUT_S = 120


def _sandboxed(renderer: Renderer, code: str, scene: str) -> dict:
    started = time.perf_counter()
    try:
        check_code(code)
        renderer.render(code, scene)
        outcome = {"ok": True}
    except RenderError as exc:
        outcome = {"ok": False, "kind": exc.kind, "error": str(exc)[:300]}
    return {**outcome, "seconds": round(time.perf_counter() - started, 2)}


def _plain(path: Path, scene: str, media: Path) -> dict:
    started = time.perf_counter()
    manim = Path(sys.executable).with_name("manim")
    cmd = [str(manim), "-ql", "--silent", "--disable_caching", "--media_dir", str(media), str(path), scene]
    env = {**os.environ, "COLUMNS": "200"}
    try:
        done = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=PLAIN_TIMEOUT_S,
            cwd=path.parent,
            env=env,
        )
        videos = list(media.rglob(f"{scene}.mp4"))
        ok = done.returncode == 0 and bool(videos)
        lines = [line.strip(" │\t") for line in (done.stderr + done.stdout).splitlines() if line.strip(" │\t")]
        errors = (
            [line for line in lines if "Error" in line or "error:" in line] or lines[-1:] or [f"exit {done.returncode}"]
        )
        outcome = {"ok": True} if ok else {"ok": False, "error": errors[-1][:300]}
    except subprocess.TimeoutExpired:
        outcome = {"ok": False, "error": f"timed out after {PLAIN_TIMEOUT_S} s"}
    return {**outcome, "seconds": round(time.perf_counter() - started, 2)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a folder of .py files with Manim scenes")
    parser.add_argument("--limit", type=int, default=0, help="render at most this many scenes (0: all)")
    args = parser.parse_args(argv)
    jobs = [(path, scene) for path in sorted(args.corpus.glob("*.py")) for scene in find_scenes(path.read_text())]
    jobs = jobs[: args.limit] if args.limit else jobs
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"HISOLVER_DATA_DIR": str(Path(tmp) / "data")}, secrets_file=Path(tmp) / "none.toml")
        with Renderer(settings, workers=1) as renderer:
            for index, (path, scene) in enumerate(jobs):
                code = path.read_text()
                rows.append(
                    {
                        "file": path.name,
                        "scene": scene,
                        "sandbox": _sandboxed(renderer, code, scene),
                        "plain": _plain(path, scene, Path(tmp) / f"media-{index}"),
                    }
                )
    sandbox_only = [f"{r['file']}:{r['scene']}" for r in rows if r["plain"]["ok"] and not r["sandbox"]["ok"]]
    plain_only = [f"{r['file']}:{r['scene']}" for r in rows if r["sandbox"]["ok"] and not r["plain"]["ok"]]
    return {
        "corpus": str(args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus),
        "scenes": len(rows),
        "sandbox_rendered": sum(r["sandbox"]["ok"] for r in rows),
        "plain_rendered": sum(r["plain"]["ok"] for r in rows),
        "sandbox_only_failures": sandbox_only,
        "plain_only_failures": plain_only,
        "refusals": [r["sandbox"]["error"] for r in rows if r["sandbox"].get("kind") == "policy"],
        "both_failed": [f"{r['file']}:{r['scene']}" for r in rows if not r["sandbox"]["ok"] and not r["plain"]["ok"]],
        "sandbox_s": round(sum(r["sandbox"]["seconds"] for r in rows), 1),
        "plain_s": round(sum(r["plain"]["seconds"] for r in rows), 1),
        "target": "sandbox_rendered == plain_rendered and no sandbox_only_failures",
        "rows": rows,
        "cores": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__":
    print(json.dumps(main()))
