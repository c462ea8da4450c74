"""Benchmark: LoRA and QLoRA training throughput of a 0.5B-class Qwen2 on CUDA (or a tiny one on CPU), as JSON.

    python bench/train_gpu.py                      # CUDA: Qwen2.5-0.5B shapes, LoRA and QLoRA (bitsandbytes nf4)
    python bench/train_gpu.py --tiny --steps 3     # CPU: a tiny config, so the test suite runs it

Needs only torch, transformers, peft and (for QLoRA) bitsandbytes: no hisolver_core, no datasets, no TRL,
no network. Weights are random (built from a config): throughput does not depend on them. On a machine
without a package index, bring the wheels along: ``pip download peft==0.21.2 bitsandbytes==0.50.2
accelerate -d wheels/`` beforehand, then ``pip install --no-index --find-links wheels/ peft bitsandbytes``.

Prints one JSON object: per method tokens/s, seconds per step, peak memory, trainable parameters and an
MFU estimate (6 x parameters x tokens/s over the accelerator's peak bf16 FLOP/s; --peak-tflops).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

# Qwen2.5-0.5B's shapes (the 0.5B-class coder model the issue names)
QWEN_05B = {
    "vocab_size": 151936,
    "hidden_size": 896,
    "intermediate_size": 4864,
    "num_hidden_layers": 24,
    "num_attention_heads": 14,
    "num_key_value_heads": 2,
    "max_position_embeddings": 32768,
    "tie_word_embeddings": True,
}
TINY = {
    "vocab_size": 512,
    "hidden_size": 64,
    "intermediate_size": 128,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "max_position_embeddings": 1024,
    "tie_word_embeddings": True,
}
H200_BF16_TFLOPS = 989.0  # dense bf16 tensor-core peak of an H100/H200 SXM


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="a tiny config (CPU, for the test suite)")
    parser.add_argument("--methods", default="lora,qlora", help="comma-separated: lora, qlora")
    parser.add_argument("--steps", type=int, default=20, help="measured optimizer steps per method")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured steps first")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--seq", type=int, default=1024)
    parser.add_argument("--lora-r", type=int, default=16)
    parser.add_argument("--gradient-checkpointing", action="store_true")
    parser.add_argument(
        "--peak-tflops",
        type=float,
        default=None,
        help=f"accelerator peak bf16 TFLOP/s for MFU (default {H200_BF16_TFLOPS:g} on CUDA)",
    )
    return parser


def _save_random_model(folder: Path, shape: dict, dtype) -> int:
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    torch.manual_seed(0)
    model = Qwen2ForCausalLM(Qwen2Config(**shape)).to(dtype)
    model.save_pretrained(folder)
    return sum(p.numel() for p in model.parameters())


def _load(folder: Path, method: str, cuda: bool, lora_r: int):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    dtype = torch.bfloat16 if cuda else torch.float32
    kwargs = {"dtype": dtype}
    if method == "qlora":
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16 if cuda else torch.float32,
        )
        kwargs["device_map"] = {"": 0} if cuda else {"": "cpu"}
    model = AutoModelForCausalLM.from_pretrained(folder, **kwargs)
    if method != "qlora" and cuda:
        model = model.to("cuda")
    lora = LoraConfig(
        r=lora_r, lora_alpha=2 * lora_r, lora_dropout=0.0, target_modules="all-linear", task_type="CAUSAL_LM"
    )
    return get_peft_model(model, lora)


def _step(model, optimizer, batch) -> float:  # torch objects: this script imports torch only inside functions
    """One optimizer step on ``batch`` (its own labels); return the loss."""
    loss = model(input_ids=batch, labels=batch).loss
    loss.backward()
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return float(loss)


def _bench(folder: Path, method: str, args: argparse.Namespace, vocab: int, params: int) -> dict:
    import torch

    cuda = torch.cuda.is_available()
    device = "cuda" if cuda else "cpu"
    if cuda:
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    model = _load(folder, method, cuda, args.lora_r)
    if args.gradient_checkpointing:
        model.gradient_checkpointing_enable()
    model.train()
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    generator = torch.Generator().manual_seed(0)
    batch = torch.randint(0, vocab, (args.batch, args.seq), generator=generator).to(device)

    for _ in range(args.warmup):
        _step(model, optimizer, batch)
    if cuda:
        torch.cuda.synchronize()
    started = time.perf_counter()
    for _ in range(args.steps):
        loss = _step(model, optimizer, batch)
    if cuda:
        torch.cuda.synchronize()
    seconds = time.perf_counter() - started
    tokens_per_s = args.batch * args.seq * args.steps / seconds
    peak = args.peak_tflops if args.peak_tflops is not None else (H200_BF16_TFLOPS if cuda else None)
    result = {
        "seconds_per_step": round(seconds / args.steps, 4),
        "tokens_per_s": round(tokens_per_s, 1),
        "peak_memory_mb": round(torch.cuda.max_memory_allocated() / 2**20, 1) if cuda else None,
        "trainable_params": trainable,
        "loss": round(loss, 4),
        "mfu": round(6 * params * tokens_per_s / (peak * 1e12), 4) if peak else None,
    }
    del model, optimizer
    if cuda:
        torch.cuda.empty_cache()
    return result


def main(argv: list[str] | None = None) -> dict:
    import torch
    import transformers

    args = make_parser().parse_args(argv)
    cuda = torch.cuda.is_available()
    shape = TINY if args.tiny or not cuda else QWEN_05B
    if not cuda and not args.tiny:
        args.tiny = True  # a 0.5B model on CPU would take hours: say so in the output rather than hang
    if args.tiny:
        args.seq, args.batch = min(args.seq, 64), min(args.batch, 2)
    report = {
        "benchmark": "train_gpu",
        "device": torch.cuda.get_device_name(0) if cuda else platform.processor() or "cpu",
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "config": "tiny" if args.tiny else "qwen2.5-0.5b-shapes",
        "batch": args.batch,
        "seq": args.seq,
        "steps": args.steps,
        "methods": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "model"
        params = _save_random_model(folder, shape, torch.bfloat16 if cuda else torch.float32)
        report["params"] = params
        for method in [m.strip() for m in args.methods.split(",") if m.strip()]:
            try:
                report["methods"][method] = _bench(folder, method, args, shape["vocab_size"], params)
            except Exception as exc:  # noqa: BLE001 - one method failing (no bitsandbytes) must not lose the other
                report["methods"][method] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    report["imported_hisolver_core"] = "hisolver_core" in sys.modules
    print(json.dumps(report))
    return report


if __name__ == "__main__":
    main()
