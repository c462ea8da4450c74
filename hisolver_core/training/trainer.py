"""Build and run TRL's ``SFTTrainer`` for a run: model by method, CPU/GPU precision, live metrics.

Loss falls on the assistant's code only, end-of-turn token included: ``messages`` rows with
``assistant_only_loss`` where the chat template has (or TRL can patch in) ``{% generation %}``
markers, otherwise conversational ``prompt``/``completion`` rows; a tokenizer without a
template trains on plain ``prompt``/``completion`` text, TRL appending the eos token.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .data import training_rows
from .params import TrainingError, TrainParams

__all__ = [
    "Hardware",
    "hardware",
    "load_model",
    "build_trainer",
    "MetricsCallback",
    "last_checkpoint",
    "template_marks_assistant",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hardware:
    """What the run computes on: CUDA or CPU, and whether bf16 is supported there."""

    cuda: bool
    bf16: bool

    @property
    def device(self) -> str:
        """``cuda`` or ``cpu``."""
        return "cuda" if self.cuda else "cpu"


def hardware() -> Hardware:
    """Return the hardware torch sees (bf16 only on a CUDA device that has it)."""
    import torch

    cuda = torch.cuda.is_available()
    return Hardware(cuda=cuda, bf16=bool(cuda and torch.cuda.is_bf16_supported()))


def load_model(base: str, params: TrainParams, hw: Hardware) -> Any:
    """Return the base causal LM loaded for ``params.method``; raises :class:`TrainingError`."""
    import torch
    from transformers import AutoModelForCausalLM

    kwargs: dict[str, Any] = {"dtype": torch.bfloat16 if hw.bf16 else torch.float32}
    if params.method == "qlora":
        if not hw.cuda and not params.qlora_on_cpu:
            raise TrainingError(
                "QLoRA needs a CUDA GPU and none is visible here: use --method lora, run on Vertex "
                "with an accelerator, or pass --qlora-on-cpu for bitsandbytes' slow CPU path"
            )
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16,
        )
    try:
        model = AutoModelForCausalLM.from_pretrained(base, **kwargs)
    except (OSError, ValueError) as exc:
        raise TrainingError(f"cannot load the base model {base}: {str(exc).splitlines()[0][:300]}") from exc
    model.config.use_cache = False  # caching is for generation; it conflicts with training
    return model


def _peft_config(params: TrainParams) -> Any:
    if params.method == "full":
        return None
    from peft import LoraConfig

    targets: Any = params.target_modules
    if targets != "all-linear":
        targets = [t.strip() for t in targets.split(",") if t.strip()]
    return LoraConfig(
        r=params.lora_r,
        lora_alpha=params.lora_alpha,
        lora_dropout=params.lora_dropout,
        target_modules=targets,
        task_type="CAUSAL_LM",
    )


def last_checkpoint(folder: Path) -> str | None:
    """Return the newest complete ``checkpoint-N`` folder under ``folder``, or None.

    A checkpoint is complete once its ``trainer_state.json`` exists (the Trainer writes it last),
    so a run killed while saving resumes from the one before.
    """
    if not folder.is_dir():
        return None
    done = [
        p
        for p in folder.glob("checkpoint-*")
        if p.name.split("-")[-1].isdigit() and (p / "trainer_state.json").is_file()
    ]
    return str(max(done, key=lambda p: int(p.name.split("-")[-1]))) if done else None


class MetricsCallback:
    """Stores every log line (loss, lr, grad norm, tokens/s, GPU memory) and reports progress.

    A NaN or infinite loss stops training at once; ``nan_step`` then says where.
    """

    def __init__(
        self,
        on_metrics: Callable[[int, dict[str, Any]], None],
        on_step: Callable[[int, int, dict[str, Any]], None],
        cuda: bool,
    ) -> None:
        self.on_metrics, self.on_step, self.cuda = on_metrics, on_step, cuda
        self.nan_step: int | None = None
        self._last: tuple[float, int] | None = None
        self.latest: dict[str, Any] = {}

    def callback(self) -> Any:
        """Return a ``transformers.TrainerCallback`` bound to this object."""
        from transformers import TrainerCallback

        owner = self

        class _Callback(TrainerCallback):
            def on_log(self, args, state, control, logs=None, **kwargs):  # noqa: ANN001 - transformers' signature
                owner.log(state, control, logs or {})

            def on_step_end(self, args, state, control, **kwargs):  # noqa: ANN001
                owner.on_step(state.global_step, state.max_steps, owner.latest)

        return _Callback()

    def log(self, state: Any, control: Any, logs: dict[str, Any]) -> None:
        """Handle one ``on_log`` call: derive tokens/s, store the row, stop on NaN."""
        values: dict[str, Any] = {k: logs[k] for k in ("loss", "learning_rate", "grad_norm", "eval_loss") if k in logs}
        if not values:
            return
        values["epoch"] = state.epoch
        now, seen = time.monotonic(), int(getattr(state, "num_input_tokens_seen", 0) or 0)
        if self._last is not None and seen > self._last[1] and now > self._last[0]:
            values["tokens_per_s"] = (seen - self._last[1]) / (now - self._last[0])
        self._last = (now, seen)
        if self.cuda:
            import torch

            values["gpu_mem_mb"] = torch.cuda.max_memory_allocated() / 2**20
        loss = values.get("loss", values.get("eval_loss"))
        if loss is not None and not math.isfinite(float(loss)):
            self.nan_step = state.global_step
            control.should_training_stop = True
        self.latest.update(values)
        self.on_metrics(state.global_step, values)


def _sft_config(params: TrainParams, hw: Hardware, output_dir: Path, chat: bool, has_eval: bool) -> Any:
    from trl import SFTConfig

    return SFTConfig(
        output_dir=str(output_dir),
        # -- schedule
        num_train_epochs=params.epochs,
        max_steps=params.max_steps,
        learning_rate=params.learning_rate,
        lr_scheduler_type=params.lr_scheduler,
        warmup_steps=params.warmup_ratio,
        weight_decay=params.weight_decay,
        max_grad_norm=params.max_grad_norm,
        seed=params.seed,
        data_seed=params.seed,
        # -- batches: padded per batch (TRL's collator), optional packing
        per_device_train_batch_size=params.batch_size,
        per_device_eval_batch_size=params.batch_size,
        gradient_accumulation_steps=params.grad_accum,
        max_length=params.max_length,
        packing=params.packing,
        assistant_only_loss=chat,
        # -- precision: fp32 on CPU (bf16 and checkpointing only cost time there), bf16 on a GPU that has it
        use_cpu=not hw.cuda,
        bf16=hw.bf16,
        fp16=False,
        gradient_checkpointing=hw.cuda and params.method == "qlora",
        # -- checkpoints hold weights, optimizer, scheduler and RNG state: enough to resume
        save_strategy="steps",
        save_steps=params.save_steps,
        save_total_limit=2,
        eval_strategy="steps" if (params.eval_steps and has_eval) else "no",
        eval_steps=params.eval_steps or None,
        logging_steps=params.logging_steps,
        logging_first_step=True,
        include_num_input_tokens_seen=True,
        logging_nan_inf_filter=False,  # a NaN loss must reach the callback, which stops the run
        report_to=[],
        disable_tqdm=True,
        dataloader_num_workers=0,
    )


def build_trainer(
    model: Any,
    tokenizer: Any,
    train_rows: list[dict[str, Any]],
    val_rows: list[dict[str, Any]],
    params: TrainParams,
    hw: Hardware,
    output_dir: Path,
    chat: bool,
    callbacks: list[Any] | None = None,
) -> Any:
    """Return an ``SFTTrainer`` ready to ``train()``; raises :class:`TrainingError` for unusable rows or templates.

    With a chat template, TRL's assistant-only mask is tried first; a template it cannot mark
    falls back to conversational prompt/completion rows (the completion mask then covers the
    assistant turn as the template renders it).
    """
    from datasets import Dataset
    from trl import SFTTrainer

    if not train_rows:
        raise TrainingError("the dataset version has no training rows: label more snippets and make a new version")

    from datasets.utils.logging import disable_progress_bar
    from transformers.trainer_callback import PrinterCallback

    disable_progress_bar()  # the job log gets our progress lines instead of map() bars

    def make(rows_fn: Callable[[list[dict[str, Any]]], list[dict[str, Any]]], assistant_only: bool) -> Any:
        train_ds = Dataset.from_list(rows_fn(train_rows))
        eval_ds = Dataset.from_list(rows_fn(val_rows)) if val_rows else None
        trainer = SFTTrainer(
            model=model,
            args=_sft_config(params, hw, output_dir, assistant_only, eval_ds is not None),
            train_dataset=train_ds,
            eval_dataset=eval_ds,
            processing_class=tokenizer,
            peft_config=_peft_config(params),
            callbacks=callbacks or [],
        )
        trainer.remove_callback(PrinterCallback)  # it prints every log dict on stdout, where the JSON line goes
        return trainer

    try:
        if not chat:
            return make(lambda rows: training_rows(rows, chat=False), False)
        if template_marks_assistant(tokenizer):
            return make(lambda rows: training_rows(rows, chat=True), True)
        log.info("the chat template has no {%% generation %%} markers TRL can use: training on prompt/completion turns")
        return make(_conversational_pairs, False)
    except (ValueError, RuntimeError) as exc:
        raise TrainingError(f"the trainer refused the data or model: {str(exc).splitlines()[0][:300]}") from exc


def template_marks_assistant(tokenizer: Any) -> bool:
    """True when the chat template has ``{% generation %}`` markers or TRL knows a patched one for it."""
    from trl.chat_template_utils import get_training_chat_template

    try:
        get_training_chat_template(tokenizer)
    except (ValueError, TypeError):
        return False
    return True


def _conversational_pairs(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in training_rows(rows, chat=True):
        *prompt, answer = row["messages"]
        out.append({"prompt": prompt, "completion": [answer]})
    return out
