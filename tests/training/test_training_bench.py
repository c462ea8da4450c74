"""bench/train_gpu.py runs on CPU with a tiny config, needing nothing but torch, transformers, peft, bitsandbytes."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "train_gpu.py"
ALLOWED = {
    "argparse",
    "json",
    "platform",
    "sys",
    "tempfile",
    "time",
    "pathlib",
    "__future__",
    "torch",
    "transformers",
    "peft",
    "bitsandbytes",
}


def test_the_gpu_benchmark_imports_only_torch_transformers_peft_bitsandbytes():
    tree = ast.parse(BENCH.read_text())
    names = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    names |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert names <= ALLOWED, names - ALLOWED


@pytest.mark.slow
def test_the_gpu_benchmark_runs_on_cpu_with_a_tiny_config(tmp_path):
    out = subprocess.run(
        [sys.executable, str(BENCH), "--tiny", "--steps", "1", "--warmup", "0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["config"] == "tiny" and report["imported_hisolver_core"] is False
    for method in ("lora", "qlora"):
        result = report["methods"][method]
        assert result["tokens_per_s"] > 0 and result["trainable_params"] > 0, result
