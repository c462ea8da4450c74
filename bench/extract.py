"""Benchmark: extraction throughput (files/s) on a generated Manim corpus, printed as one JSON object.

    .venv/bin/python bench/extract.py [--files 3000] [--workers 0]

Target (issue 7): at least 300 files/s on a 2-core machine. Collection is not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hisolver_core.collection import collect_local  # noqa: E402
from hisolver_core.config import load_settings  # noqa: E402
from hisolver_core.extraction import extract  # noqa: E402

FIXTURES = ROOT / "tests" / "collection" / "fixtures"

HELPERS = """

def helper_{i}(mob, k={k}):
    group = VGroup(*[mob.copy().shift(RIGHT * j * 0.3) for j in range(k)])
    return group.arrange(RIGHT, buff=0.1)


class Graph{i}(Scene):
    def construct(self):
        axes = Axes(x_range=[-3, 3, 1], y_range=[-2, 2, 1])
        graph = axes.plot(lambda x: np.sin({k} * x) / (1 + x * x), color=BLUE)
        dots = helper_{i}(Dot(color=YELLOW))
        self.play(Create(axes), run_time=1)
        self.play(Create(graph), FadeIn(dots))
        for step in range({k}):
            self.play(dots.animate.shift(UP * 0.1 * step))
        self.wait()
"""


def corpus(root: Path, n: int, seed: int = 0, max_extra: int = 3) -> None:
    """``n`` files: fixtures with renamed scenes plus 1..``max_extra`` generated helper+scene pairs."""
    rng = random.Random(seed)
    sources = [p.read_text() for p in sorted(FIXTURES.glob("*.py.txt"))]
    for i in range(n):
        base = rng.choice(sources).replace("(Scene)", f"{i}(Scene)")
        extra = "".join(HELPERS.format(i=f"{i}_{j}", k=rng.randint(2, 9)) for j in range(rng.randint(1, max_extra)))
        text = base + extra + ("\nimport numpy as np\n" if "numpy" not in base else "")
        folder = root / f"pkg{i % 50}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"scene_{i}.py").write_text(text)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    parser.add_argument("--max-extra", type=int, default=3, help="generated scenes per file, at most (size)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"HISOLVER_DATA_DIR": f"{tmp}/data"}, secrets_file=Path(tmp) / "none.toml")
        corpus(Path(tmp) / "src", args.files, max_extra=args.max_extra)
        collect_local(settings, Path(tmp) / "src", name="bench")
        size = sum(p.stat().st_size for p in (Path(tmp) / "src").rglob("*.py"))
        started = time.perf_counter()
        result = extract(settings, workers=args.workers or None)
        seconds = time.perf_counter() - started
    out = {
        "bench": "extract",
        "files": result.files,
        "mean_file_bytes": size // max(1, args.files),
        "cores": os.cpu_count(),
        "workers": args.workers or os.cpu_count(),
        "snippets": result.snippets_total,
        "clusters": result.clusters,
        "exported": result.exported,
        "seconds": round(seconds, 3),
        "files_per_s": round(result.files / seconds, 1),
        "export_seconds": result.export_seconds,
        "files_per_s_without_export": round(result.files / (seconds - result.export_seconds), 1),
        "target_met": result.files / seconds >= 300,
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
