"""Worker process of the local backend: ``python -m hisolver_core.llm._local_worker MODEL [ADAPTER]``.

Loads the model once, then answers JSON-line requests from stdin on the
original stdout (fd 1 is pointed at stderr first, so stray prints from
libraries cannot corrupt the protocol). Requests: ``{"op": "info"}`` or
``{"op": "generate", "messages": [...], "max_new_tokens": N, "generate_kwargs": {...}}``.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def _protocol_stream() -> Any:
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything printed from now on goes to stderr
    sys.stdout = sys.stderr
    return out


def _load(model_path: str, adapter_path: str | None) -> tuple[Any, Any]:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_path)
    model: Any = AutoModelForCausalLM.from_pretrained(model_path)
    if adapter_path:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, adapter_path)
    model.eval()
    return tokenizer, model


def _prompt_ids(tokenizer: Any, messages: list[dict], room: int) -> Any:
    import torch

    if getattr(tokenizer, "chat_template", None):
        text = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    else:
        text = "\n\n".join(f"### {m['role'].capitalize()}\n{m['content']}" for m in messages) + "\n\n### Assistant\n"
    ids = tokenizer(text, add_special_tokens=False)["input_ids"][-room:]  # keep the end: the question
    return torch.tensor([ids], dtype=torch.long)


def _generate(tokenizer: Any, model: Any, request: dict) -> dict:
    import torch

    max_new = max(1, int(request["max_new_tokens"]))
    config = model.config
    limit = getattr(config, "max_position_embeddings", None) or getattr(config, "n_positions", None) or 4096
    input_ids = _prompt_ids(tokenizer, request["messages"], max(1, limit - max_new)).to(model.device)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    with torch.no_grad():
        output = model.generate(
            input_ids=input_ids,
            attention_mask=torch.ones_like(input_ids),
            max_new_tokens=max_new,
            do_sample=False,
            pad_token_id=pad,
            **request.get("generate_kwargs", {}),
        )
    new = output[0, input_ids.shape[1] :]
    return {"ok": True, "text": tokenizer.decode(new, skip_special_tokens=True), "new_tokens": int(new.shape[0])}


def _info(model: Any, adapter_path: str | None) -> dict:
    return {
        "model_class": type(model).__name__,
        "adapter": adapter_path,
        "peft": type(model).__module__.startswith("peft"),
        "parameters": sum(p.numel() for p in model.parameters()),
        "pid": os.getpid(),
    }


def _send(out: Any, payload: dict) -> None:
    out.write(json.dumps(payload) + "\n")
    out.flush()


def main(argv: list[str]) -> None:
    """Serve requests until stdin closes."""
    out = _protocol_stream()
    model_path, adapter_path = argv[0], (argv[1] if len(argv) > 1 and argv[1] else None)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder never needs the Hub
    try:
        import torch

        torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
        tokenizer, model = _load(model_path, adapter_path)
    except Exception as exc:  # reported to the parent, which turns it into BackendUnavailable
        _send(out, {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:500]})
        return
    _send(out, {"ok": True})
    for line in sys.stdin:
        try:
            request = json.loads(line)
            if request.get("op") == "info":
                _send(out, {"ok": True, "info": _info(model, adapter_path)})
            else:
                _send(out, _generate(tokenizer, model, request))
        except Exception as exc:  # one bad request must not kill the worker
            _send(out, {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:500]})


if __name__ == "__main__":
    main(sys.argv[1:])
