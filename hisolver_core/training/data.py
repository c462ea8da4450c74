"""From a dataset version and a base model to what the trainer reads.

- :func:`resolve_base` accepts a local model folder or a Hugging Face id and fails fast
  (no 46 s of DNS retries) when the id cannot be fetched;
- :func:`load_tokenizer` loads the tokenizer with a pad token distinct from end-of-turn
  where the vocabulary has one;
- :func:`training_rows` turns the version's chat rows into ``messages`` rows (a chat
  template) or plain ``prompt``/``completion`` rows (no template, e.g. DistilGPT2);
- :func:`prompt_text` formats a request exactly as training did, for generation.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .params import TrainingError

__all__ = ["resolve_base", "load_tokenizer", "uses_chat", "training_rows", "prompt_text", "request_of"]

log = logging.getLogger(__name__)

_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
HUB_CHECK_S = 3.0  # how long to wait for the Hub's address before giving up


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _hub_reachable(timeout_s: float = HUB_CHECK_S) -> bool:
    """True when the Hub endpoint accepts a TCP connection within ``timeout_s`` (DNS included)."""
    url = urlparse(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    host, port = url.hostname or "huggingface.co", url.port or (443 if url.scheme == "https" else 80)
    result: list[bool] = []

    def probe() -> None:
        try:
            socket.create_connection((host, port), timeout=timeout_s).close()
            result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True)  # getaddrinfo has no timeout of its own
    thread.start()
    thread.join(timeout_s)
    return bool(result and result[0])


def resolve_base(base_model: str) -> str:
    """Return ``base_model`` as ``from_pretrained`` should get it: a local folder or a Hub id.

    Raises :class:`TrainingError` for a folder without ``config.json``, a name that is neither,
    or a Hub id that cannot be fetched (offline and not in the local cache, or the Hub unreachable).
    """
    text = (base_model or "").strip()
    if not text:
        raise TrainingError("give a base model: a local model folder or a Hugging Face id such as distilgpt2")
    path = Path(text).expanduser()
    if path.exists() or text.startswith((".", "/", "~")):
        if not path.is_dir():
            raise TrainingError(f"base model {text} is not a folder: give a transformers model folder")
        if not (path / "config.json").is_file():
            raise TrainingError(
                f"base model folder {text} has no config.json: it is not a transformers model "
                "(save one with save_pretrained, or give a Hugging Face id)"
            )
        return str(path.resolve())
    if not _HUB_ID.match(text):
        raise TrainingError(f"base model {text!r} is neither a folder nor a Hugging Face id like Qwen/Qwen2.5-0.5B")
    if _cached_on_hub(text):
        return text
    if _truthy("HF_HUB_OFFLINE") or _truthy("TRANSFORMERS_OFFLINE"):
        raise TrainingError(
            f"base model {text} is not downloaded and HF_HUB_OFFLINE is set: download it to a "
            "folder where the Hub is reachable and pass that folder, or unset HF_HUB_OFFLINE"
        )
    if not _hub_reachable():
        raise TrainingError(
            f"cannot reach the Hugging Face Hub to download {text}: pass a local model folder, "
            "or run where the Hub is reachable"
        )
    return text


def _cached_on_hub(repo_id: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - transformers always brings it
        return False
    found = try_to_load_from_cache(repo_id, "config.json")
    return isinstance(found, str)


def load_tokenizer(base: str) -> Any:
    """Return the base model's tokenizer with a pad token set (distinct from eos when the vocabulary allows).

    Raises :class:`TrainingError` when it cannot be loaded.
    """
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(base)
    except (OSError, ValueError) as exc:
        raise TrainingError(f"cannot load the tokenizer of {base}: {str(exc).splitlines()[0][:300]}") from exc
    if tokenizer.pad_token is None or tokenizer.pad_token == tokenizer.eos_token:
        # pad == eos is the classic way a model never learns to stop; TRL 1.16 masks padding by
        # position, so it is safe here, but a distinct token keeps generation's pad unambiguous.
        spare = [t for t in (tokenizer.unk_token, tokenizer.bos_token) if t and t != tokenizer.eos_token]
        tokenizer.pad_token = spare[0] if spare else tokenizer.eos_token
    return tokenizer


def uses_chat(tokenizer: Any, prompt_format: str) -> bool:
    """Return True when rows go through the tokenizer's chat template.

    Raises :class:`TrainingError` when ``prompt_format`` is ``chat`` and the tokenizer has no template.
    """
    has_template = bool(getattr(tokenizer, "chat_template", None))
    if prompt_format == "chat" and not has_template:
        raise TrainingError(
            "the base model's tokenizer has no chat template but --prompt-format chat was asked: "
            "use --prompt-format plain (or auto), or a model with a chat template"
        )
    return prompt_format == "chat" or (prompt_format == "auto" and has_template)


def request_of(row: dict[str, Any]) -> tuple[list[dict[str, str]], str]:
    """Split a dataset row into (messages before the answer, the assistant's code)."""
    messages = row["messages"]
    if not messages or messages[-1]["role"] != "assistant":
        raise TrainingError("a dataset row does not end with the assistant's code: rebuild the dataset version")
    return messages[:-1], messages[-1]["content"]


def prompt_text(messages: list[dict[str, str]]) -> str:
    """The plain-text prompt for a model without a chat template (the same at training and generation)."""
    parts = [m["content"].strip() for m in messages if m["role"] == "system"]
    parts += ["Request: " + m["content"].strip() for m in messages if m["role"] == "user"]
    return "\n\n".join(parts) + "\n\nCode:\n"


def training_rows(rows: Iterable[dict[str, Any]], chat: bool) -> list[dict[str, Any]]:
    """Return rows the SFT trainer reads: ``messages`` (chat) or ``prompt``/``completion`` (plain)."""
    out: list[dict[str, Any]] = []
    for row in rows:
        prompt, code = request_of(row)
        if chat:
            out.append({"messages": [*prompt, {"role": "assistant", "content": code}]})
        else:
            out.append({"prompt": prompt_text(prompt), "completion": code})
    return out
