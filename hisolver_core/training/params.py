"""Hyper-parameters of a training run, with a comment for each default, and the training errors."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from ..errors import HiSolverError

__all__ = ["TrainParams", "TrainingError", "METHODS", "PROMPT_FORMATS", "RUNNERS", "CLI_OPTIONS", "CLI_FLAGS"]

METHODS = ("lora", "qlora", "full")
PROMPT_FORMATS = ("auto", "chat", "plain")
RUNNERS = ("local", "vertex")

# TrainParams field -> its `hisolver train start` option (the CLI and the job launcher share these)
CLI_OPTIONS = {
    "method": "--method",
    "max_steps": "--max-steps",
    "epochs": "--epochs",
    "learning_rate": "--lr",
    "batch_size": "--batch-size",
    "grad_accum": "--grad-accum",
    "lora_r": "--lora-r",
    "lora_alpha": "--lora-alpha",
    "lora_dropout": "--lora-dropout",
    "target_modules": "--target-modules",
    "max_length": "--max-length",
    "warmup_ratio": "--warmup-ratio",
    "lr_scheduler": "--scheduler",
    "seed": "--seed",
    "save_steps": "--save-steps",
    "eval_steps": "--eval-steps",
    "eval_limit": "--eval-limit",
    "prompt_format": "--prompt-format",
    "max_new_tokens": "--max-new-tokens",
}
CLI_FLAGS = {
    "packing": ("--packing", "--no-packing"),
    "merge": ("--merge", "--no-merge"),
    "qlora_on_cpu": ("--qlora-on-cpu", None),
}


class TrainingError(HiSolverError):
    """A training run cannot start or did not finish; the message says what to change."""


@dataclass(frozen=True)
class TrainParams:
    """Everything that decides what a run computes; stored with the run so it can be resumed."""

    # -- what to train
    method: str = "lora"  # lora | qlora (4-bit nf4 base, CUDA) | full (every weight; tiny models)
    prompt_format: str = "auto"  # chat template when the tokenizer has one, else plain prompt/completion
    qlora_on_cpu: bool = False  # QLoRA without CUDA runs bitsandbytes' slow CPU path only when asked

    # -- LoRA adapter (all linear layers by default, as QLoRA's paper recommends)
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    target_modules: str = "all-linear"  # or a comma-separated list such as q_proj,v_proj

    # -- optimisation
    learning_rate: float = 2e-4  # LoRA's usual rate; full fine-tuning wants about 10x less on real models
    epochs: float = 3.0
    max_steps: int = -1  # > 0 overrides epochs
    batch_size: int = 4  # rows per device step; padded to the longest row of the batch
    grad_accum: int = 1  # device steps per optimizer step
    warmup_ratio: float = 0.03
    lr_scheduler: str = "cosine"
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    max_length: int = 1024  # tokens per row; longer rows are truncated
    packing: bool = False  # pack rows into full sequences (faster on GPU, slightly worse loss)
    seed: int = 42

    # -- bookkeeping
    save_steps: int = 50  # checkpoint (weights, optimizer, scheduler, RNG) every N steps for resume
    eval_steps: int = 0  # eval loss every N steps; 0 = at the end only
    logging_steps: int = 1
    merge: bool = True  # also save the adapter merged into the base (a standalone model folder)

    # -- evaluation at the end of the run
    eval_limit: int = 4  # validation prompts generated and rendered per model (a render takes ~1.5 s)
    max_new_tokens: int = 384

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrainParams:
        """Return params from ``data`` (unknown keys ignored, values coerced); raises :class:`TrainingError`."""
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known or value is None:
                continue
            kind = type(getattr(cls(), key))
            try:
                values[key] = _coerce(kind, value)
            except (TypeError, ValueError) as exc:
                raise TrainingError(f"{key} must be a {kind.__name__}, got {value!r}") from exc
        return cls(**values).checked()

    def to_dict(self) -> dict[str, Any]:
        """Return the params as a plain JSON-ready dict."""
        return dataclasses.asdict(self)

    def replace(self, **changes: Any) -> TrainParams:
        """Return a copy with ``changes`` applied and checked."""
        return TrainParams.from_dict({**self.to_dict(), **changes})

    def checked(self) -> TrainParams:
        """Return self when every value is usable; raises :class:`TrainingError` naming the first bad one."""
        if self.method not in METHODS:
            raise TrainingError(f"unknown method {self.method!r}: use one of {', '.join(METHODS)}")
        if self.prompt_format not in PROMPT_FORMATS:
            raise TrainingError(f"unknown prompt format {self.prompt_format!r}: use one of {', '.join(PROMPT_FORMATS)}")
        positive = {
            "lora_r": self.lora_r,
            "lora_alpha": self.lora_alpha,
            "batch_size": self.batch_size,
            "grad_accum": self.grad_accum,
            "max_length": self.max_length,
            "save_steps": self.save_steps,
            "logging_steps": self.logging_steps,
            "max_new_tokens": self.max_new_tokens,
        }
        for name, value in positive.items():
            if value <= 0:
                raise TrainingError(f"{name} must be at least 1, got {value}")
        if not (math.isfinite(self.learning_rate) and self.learning_rate > 0):
            raise TrainingError(f"learning_rate must be a positive number, got {self.learning_rate}")
        if not 0 <= self.lora_dropout < 1 or not 0 <= self.warmup_ratio < 1:
            raise TrainingError("lora_dropout and warmup_ratio must lie in [0, 1)")
        if self.max_steps <= 0 and self.epochs <= 0:
            raise TrainingError("give max_steps or a positive number of epochs")
        if self.eval_limit < 0 or self.eval_steps < 0:
            raise TrainingError("eval_limit and eval_steps cannot be negative")
        return self


def _coerce(kind: type, value: Any) -> Any:
    if kind is bool:
        if isinstance(value, str):
            if value.lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise ValueError(value)
            return value.lower() in ("1", "true", "yes")
        return bool(value)
    return kind(value)
