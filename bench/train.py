"""Benchmark: our CPU training setup against plain TRL ``SFTTrainer`` defaults on the same rows, as JSON.

    .venv/bin/python bench/train.py [--steps 12] [--rows 64] [--batch 8] [--hidden 256]

Both train the same LoRA adapter on the same tiny Llama (built from a config) and the same chat rows of
mixed length. Ours: ``hisolver_core.training`` (fp32 on CPU, no gradient checkpointing, per-batch
padding). Plain: ``SFTConfig`` defaults plus ``use_cpu=True`` (without it TRL refuses to start on a CPU), so bf16
autocast and gradient checkpointing as TRL sets them.
A third line pads every batch to ``max_length`` to show what per-batch padding saves.
Reports seconds per step and tokens per second (real tokens, padding excluded) and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from hisolver_core.training import TrainParams  # noqa: E402
from hisolver_core.training.data import load_tokenizer  # noqa: E402
from hisolver_core.training.trainer import build_trainer, hardware, load_model  # noqa: E402
from tests.conftest import SNIPPET_CODE  # noqa: E402
from tests.training.conftest import build_tiny  # noqa: E402


def _rows(count: int) -> list[dict]:
    rows = []
    for n in range(count):
        code = SNIPPET_CODE.format(name=f"Scene{n}", n=n + 1) * (1 + n % 8)  # 1x to 8x: lengths vary
        rows.append(
            {
                "messages": [
                    {"role": "system", "content": "You write Manim code."},
                    {"role": "user", "content": f"Draw a circle of radius {n}"},
                    {"role": "assistant", "content": code},
                ]
            }
        )
    return rows


def _timed(trainer) -> dict:
    lengths = [len(row["input_ids"]) for row in trainer.train_dataset]
    started = time.perf_counter()
    result = trainer.train()
    seconds = time.perf_counter() - started
    steps = trainer.state.global_step
    tokens = sum(lengths) / len(lengths) * trainer.args.per_device_train_batch_size * steps  # padding excluded
    return {
        "seconds_per_step": round(seconds / steps, 4),
        "tokens_per_s": round(tokens / seconds, 1),
        "steps": steps,
        "train_loss": round(result.training_loss, 4),
        "bf16": bool(trainer.args.bf16),
        "gradient_checkpointing": bool(trainer.args.gradient_checkpointing),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--rows", type=int, default=64)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--hidden", type=int, default=256)
    args = parser.parse_args(argv)
    import torch
    from peft import LoraConfig
    from trl import SFTConfig, SFTTrainer

    rows = _rows(args.rows)
    params = TrainParams(
        method="lora",
        max_steps=args.steps,
        batch_size=args.batch,
        learning_rate=1e-3,
        save_steps=10_000,
        max_length=1024,
    )
    report: dict = {
        "benchmark": "train",
        "device": "cpu",
        "threads": torch.get_num_threads(),
        "rows": args.rows,
        "batch": args.batch,
        "steps": args.steps,
        "hidden": args.hidden,
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }
    with tempfile.TemporaryDirectory() as tmp:
        base = build_tiny(Path(tmp) / "base", hidden=args.hidden)
        tokenizer = load_tokenizer(str(base))
        hw = hardware()

        def ours_trainer(p: TrainParams):
            return build_trainer(
                load_model(str(base), p, hw), tokenizer, rows, [], p, hw, Path(tmp) / "ours", chat=True
            )

        ours_trainer(params.replace(max_steps=2)).train()  # warm-up: first-call costs count against no one
        report["ours"] = _timed(ours_trainer(params))
        plain_args = SFTConfig(
            output_dir=str(Path(tmp) / "plain"),
            max_steps=args.steps,
            per_device_train_batch_size=args.batch,
            learning_rate=1e-3,
            report_to=[],
            save_strategy="no",
            disable_tqdm=True,
            use_cpu=True,
        )  # without it TRL refuses a CPU
        lora = LoraConfig(
            r=params.lora_r,
            lora_alpha=params.lora_alpha,
            lora_dropout=params.lora_dropout,
            target_modules="all-linear",
            task_type="CAUSAL_LM",
        )
        from datasets import Dataset

        plain = SFTTrainer(
            model=str(base),
            args=plain_args,
            train_dataset=Dataset.from_list(rows),
            processing_class=tokenizer,
            peft_config=lora,
        )
        report["plain_trl_defaults"] = _timed(plain)
        fixed_args = SFTConfig(
            output_dir=str(Path(tmp) / "fixed"),
            max_steps=args.steps,
            per_device_train_batch_size=args.batch,
            learning_rate=1e-3,
            report_to=[],
            save_strategy="no",
            disable_tqdm=True,
            bf16=False,
            gradient_checkpointing=False,
            use_cpu=True,
            pad_to_multiple_of=1024,
            max_length=1024,
        )
        fixed = SFTTrainer(
            model=str(base),
            args=fixed_args,
            train_dataset=Dataset.from_list(rows),
            processing_class=tokenizer,
            peft_config=lora,
        )
        report["fixed_length_padding"] = _timed(fixed)
    report["speedup_vs_plain"] = round(
        report["plain_trl_defaults"]["seconds_per_step"] / report["ours"]["seconds_per_step"], 2
    )
    report["speedup_vs_fixed_padding"] = round(
        report["fixed_length_padding"]["seconds_per_step"] / report["ours"]["seconds_per_step"], 2
    )
    print(json.dumps(report))
    return report


if __name__ == "__main__":
    main()
