"""A run's artifacts: saved locally first, then copied to ``models/<run>/`` in the blob store.

Layout: ``adapter/`` (peft ``save_pretrained`` plus the tokenizer: loads with the base model),
``merged/`` (the adapter merged into the base, or the fully fine-tuned model, plus the
tokenizer: a standalone transformers folder), ``model_card.md``, ``metrics.json`` and
``eval.json`` (the generated samples). Configs are uploaded last, so a copy cut short never
looks like a loadable model; a failed copy is removed.
"""

from __future__ import annotations

import errno
import json
import logging
import subprocess
from pathlib import Path
from typing import Any

from ..blobs import BlobStore
from ..errors import StorageError
from .params import TrainingError, TrainParams

__all__ = ["save_local", "upload", "remove_uploaded", "model_card", "project_commit", "artifact_keys"]

log = logging.getLogger(__name__)

_CONFIGS = ("config.json", "adapter_config.json")
_ROOT = Path(__file__).resolve().parents[2]


def _disk_error(exc: OSError, where: Path) -> TrainingError:
    if exc.errno == errno.ENOSPC:
        return TrainingError(
            f"the disk is full while writing {where}: free space (old runs under "
            "data/training/) and run `hisolver train resume RUN`"
        )
    return TrainingError(f"cannot write {where}: {exc.strerror or exc}")


def save_local(model: Any, tokenizer: Any, params: TrainParams, out: Path, base: str, bf16: bool) -> dict[str, Path]:
    """Save the adapter and/or merged model with the tokenizer under ``out``; return ``{kind: folder}``.

    Raises :class:`TrainingError` (the disk is full, or another write error).
    """
    import torch

    folders: dict[str, Path] = {}
    try:
        if params.method == "full":
            folders["merged"] = out / "merged"
            model.save_pretrained(folders["merged"])
            tokenizer.save_pretrained(folders["merged"])
            return folders
        folders["adapter"] = out / "adapter"
        model.save_pretrained(folders["adapter"])
        tokenizer.save_pretrained(folders["adapter"])
        if params.merge:
            from peft import PeftModel
            from transformers import AutoModelForCausalLM

            # merge into a fresh full-precision base: merging into a 4-bit (QLoRA) base would round the weights
            dtype = torch.bfloat16 if bf16 else torch.float32
            fresh = AutoModelForCausalLM.from_pretrained(base, dtype=dtype)
            merged = PeftModel.from_pretrained(fresh, str(folders["adapter"])).merge_and_unload()
            folders["merged"] = out / "merged"
            merged.save_pretrained(folders["merged"])
            tokenizer.save_pretrained(folders["merged"])
    except OSError as exc:
        raise _disk_error(exc, out) from exc
    return folders


def artifact_keys(run_id: str, folders: dict[str, Path]) -> dict[str, str]:
    """Return the registry's artifact map for ``run_id`` (folders end with ``/``)."""
    prefix = f"models/{run_id}/"
    keys = {kind: f"{prefix}{kind}/" for kind in folders}
    keys.update(card=prefix + "model_card.md", metrics=prefix + "metrics.json", eval=prefix + "eval.json")
    return keys


def upload(
    blobs: BlobStore, run_id: str, folders: dict[str, Path], card: str, metrics: dict[str, Any], samples: dict[str, Any]
) -> dict[str, str]:
    """Copy everything to ``models/<run>/``; return the artifact map. Raises :class:`TrainingError`.

    Files go up before their folder's config, and the card and metrics last.
    """
    keys = artifact_keys(run_id, folders)
    try:
        for kind, folder in folders.items():
            files = sorted(p for p in folder.rglob("*") if p.is_file())
            files.sort(key=lambda p: p.name in _CONFIGS)  # configs last: a partial copy never loads
            for path in files:
                blobs.put_file(keys[kind] + path.relative_to(folder).as_posix(), path)
        blobs.put(keys["eval"], json.dumps(samples, indent=1, default=str).encode())
        blobs.put(keys["metrics"], json.dumps(metrics, indent=1, default=str).encode())
        blobs.put(keys["card"], card.encode())
    except (StorageError, OSError) as exc:
        remove_uploaded(blobs, run_id)
        detail = str(exc)
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "No space left" in detail:
            detail = "the disk is full"
        raise TrainingError(
            f"cannot store the artifacts of {run_id}: {detail}; nothing was registered "
            "(free space and run `hisolver train resume RUN`)"
        ) from exc
    return keys


def remove_uploaded(blobs: BlobStore, run_id: str) -> None:
    """Delete whatever part of ``models/<run>/`` a failed run left in the blob store."""
    try:
        for key in list(blobs.list(f"models/{run_id}/")):
            blobs.delete(key)
    except (StorageError, OSError) as exc:  # cleaning up must not hide the first error
        log.warning("could not remove partial artifacts of %s: %s", run_id, exc)


def project_commit() -> str:
    """Return this checkout's git commit (``unknown`` outside a git checkout, e.g. in the image)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.stdout.strip() or "unknown"


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "-" if value is None else str(value)


def model_card(run: dict[str, Any], params: TrainParams, metrics: dict[str, Any], dataset_hash: str) -> str:
    """Return the model card (Markdown): base, data and its hash, hyper-parameters, before/after metrics, commit."""
    rows = [
        ("render success", "render_success"),
        ("share with a Scene class", "scene_share"),
        ("validation loss", "val_loss"),
        ("perplexity", "perplexity"),
    ]
    table = "\n".join(
        f"| {label} | {_fmt(metrics.get('base_' + key))} | {_fmt(metrics.get(key))} |" for label, key in rows
    )
    hyper = "\n".join(f"- `{k}`: {v}" for k, v in sorted(params.to_dict().items()))
    return f"""# {run["id"]}

Fine-tuned with HiSolver to write Manim Community Edition code from a plain-language request.

- base model: `{run["base_model"]}`
- method: {params.method}
- dataset version: `{run["dataset_version"]}` (content hash `{dataset_hash}`)
- steps: {metrics.get("steps", "-")}, train loss {_fmt(metrics.get("train_loss"))}
- project commit: `{project_commit()}`

## Before and after ({metrics.get("eval_prompts", 0)} validation prompts, rendered in the sandbox)

| measure | base model | this run |
| --- | --- | --- |
{table}

## Hyper-parameters

{hyper}
"""
