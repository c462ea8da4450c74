"""Judge a model by what its code does: generate for validation prompts, render in the sandbox.

Model output is untrusted: it is only ever rendered through :class:`~hisolver_core.rendering.Renderer`
(the sandboxed render service), never executed here. Generation itself runs in this process
(it is the model's forward pass, not its output's code).
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import RenderError
from ..rendering import Renderer
from ..rendering.policy import find_scenes
from .data import prompt_text, request_of

__all__ = ["extract_code", "generate_code", "judge_code", "score_model", "loss_metrics"]

log = logging.getLogger(__name__)

_FENCE = re.compile(r"```(?:python|py)?\s*\n(.*?)(?:```|$)", re.S)


def extract_code(text: str) -> str:
    """Return the Python in a reply: the first fenced block when there is one, else the whole text."""
    match = _FENCE.search(text)
    return (match.group(1) if match else text).strip() + "\n"


def generate_code(model: Any, tokenizer: Any, messages: list[dict[str, str]], chat: bool, max_new_tokens: int) -> str:
    """Return the code ``model`` writes (greedy) for the request in ``messages``, formatted as in training."""
    import torch

    if chat:
        encoded = tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
    else:
        encoded = tokenizer(prompt_text(messages), return_tensors="pt")
    device = next(model.parameters()).device
    encoded = {k: v.to(device) for k, v in encoded.items()}
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            out = model.generate(
                **encoded,
                max_new_tokens=max_new_tokens,
                do_sample=False,
                pad_token_id=tokenizer.pad_token_id,
                eos_token_id=tokenizer.eos_token_id,
                use_cache=True,
            )
    finally:
        model.train(was_training)
    new_tokens = out[0, encoded["input_ids"].shape[1] :]
    return extract_code(tokenizer.decode(new_tokens, skip_special_tokens=True))


def judge_code(code: str, renderer: Renderer | None) -> dict[str, Any]:
    """Return ``{"has_scene", "rendered", "error", "video_key", "poster_key"}`` for one generated file.

    Code without exactly one Scene class is not rendered (the sandbox would refuse to guess).
    """
    scenes = find_scenes(code)
    verdict: dict[str, Any] = {
        "has_scene": bool(scenes),
        "rendered": False,
        "error": "",
        "video_key": "",
        "poster_key": "",
    }
    if len(scenes) != 1:
        verdict["error"] = "no Scene class" if not scenes else f"{len(scenes)} Scene classes"
        return verdict
    if renderer is None:
        verdict["error"] = "not rendered"
        return verdict
    try:
        result = renderer.render(code, scenes[0], "low", client="train-eval")
    except RenderError as exc:
        verdict["error"] = f"{exc.kind}: {str(exc)[:200]}"
        return verdict
    verdict.update(rendered=True, video_key=result.video_key, poster_key=result.poster_key)
    return verdict


def score_model(
    model: Any,
    tokenizer: Any,
    rows: list[dict[str, Any]],
    chat: bool,
    max_new_tokens: int,
    renderer: Renderer | None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Generate and judge code for each of ``rows``; return shares and the samples.

    Returns ``{"render_success", "scene_share", "prompts", "samples": [...]}`` (shares None without rows).
    """
    samples = []
    for i, row in enumerate(rows):
        prompt, reference = request_of(row)
        code = generate_code(model, tokenizer, prompt, chat, max_new_tokens)
        verdict = judge_code(code, renderer)
        request = next((m["content"] for m in prompt if m["role"] == "user"), "")
        samples.append({"request": request, "code": code, "reference": reference, **verdict})
        if progress is not None:
            progress(f"prompt {i + 1}/{len(rows)}: {'rendered' if verdict['rendered'] else verdict['error']}")
    n = len(samples)
    return {
        "render_success": sum(s["rendered"] for s in samples) / n if n else None,
        "scene_share": sum(s["has_scene"] for s in samples) / n if n else None,
        "prompts": n,
        "samples": samples,
    }


def loss_metrics(eval_loss: float | None) -> dict[str, float | None]:
    """Return ``{"val_loss", "perplexity"}`` from a mean token loss (None when not finite or absent)."""
    if eval_loss is None or not math.isfinite(eval_loss):
        return {"val_loss": None, "perplexity": None}
    return {"val_loss": float(eval_loss), "perplexity": float(math.exp(min(eval_loss, 50.0)))}


@contextlib.contextmanager
def base_of(model: Any, load_base: Callable[[], Any]) -> Iterator[Any]:
    """Yield the base model: the adapter switched off for a peft model, else a fresh load."""
    if hasattr(model, "disable_adapter") and hasattr(model, "peft_config"):
        with model.disable_adapter():
            yield model
    else:
        yield load_base()
