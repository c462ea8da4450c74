"""OpenAI-compatible chat backend (OpenAI, vLLM, Ollama, llama.cpp server) via the ``openai`` client.

Asks for structured output (``json_schema``) first; a server that rejects it
with a 400 is asked with ``json_object``, then with no response format, and
the level that worked is remembered for the process.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from ..config import Settings
from .base import BackendError, BackendUnavailable, ModelBackend

__all__ = ["OpenAIBackend", "reset_capabilities"]

log = logging.getLogger(__name__)

_FORMATS = ("json_schema", "json_object", "none")
_format_level: dict[str, int] = {}  # backend key -> index into _FORMATS that the server accepts
_format_lock = threading.Lock()
_clients: dict[tuple, Any] = {}  # (base URL, key, timeout) -> openai.OpenAI; the client is thread-safe


def _response_format(level: str, schema: dict) -> dict | None:
    if level == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "hisolver_reply", "schema": schema, "strict": True}}
    if level == "json_object":
        return {"type": "json_object"}
    return None


def _client(openai: Any, base_url: str | None, api_key: str, timeout_s: float) -> Any:
    """One client (and connection pool) per server configuration, shared by all sessions."""
    cache_key = (base_url, api_key, timeout_s)
    with _format_lock:
        client = _clients.get(cache_key)
        if client is None:
            # Retries belong to the chain (with backoff and the breaker), so the client makes none.
            client = _clients[cache_key] = openai.OpenAI(
                base_url=base_url,
                api_key=api_key or "not-needed",  # local servers accept any key
                timeout=timeout_s,
                max_retries=0,
            )
        return client


class OpenAIBackend(ModelBackend):
    """Chat completions against ``settings.openai_base_url`` (or OpenAI itself)."""

    name = "openai"

    def __init__(self, settings: Settings, *, stream: bool | None = None) -> None:
        if not (settings.openai_base_url or settings.openai_api_key):
            raise BackendUnavailable("not configured (set HISOLVER_OPENAI_BASE_URL or HISOLVER_OPENAI_API_KEY)")
        if not settings.openai_model:
            raise BackendUnavailable("no model named (set HISOLVER_OPENAI_MODEL)")
        try:
            import openai
        except ImportError as exc:  # pragma: no cover - pinned in requirements
            raise BackendUnavailable("the 'openai' package is not installed (pip install openai)") from exc
        self._openai = openai
        self.model = settings.openai_model
        self.timeout_s = float(settings.openai_timeout_s)
        self.stream = bool(settings.openai_stream) if stream is None else stream
        self.base_url = settings.openai_base_url or None
        self._key = settings.openai_api_key  # kept out of every message (servers and proxies may echo it)
        self.client = _client(openai, self.base_url, settings.openai_api_key, self.timeout_s)

    @property
    def key(self) -> str:
        """Name, URL and model: two configurations never share a breaker."""
        return f"openai|{self.base_url or 'api.openai.com'}|{self.model}"

    def complete(self, messages: list[dict], *, json_schema: dict | None = None) -> str:
        """Return the reply text; see :meth:`ModelBackend.complete`."""
        with _format_lock:
            level = _format_level.get(self.key, 0) if json_schema is not None else len(_FORMATS) - 1
        while True:
            fmt = _response_format(_FORMATS[level], json_schema) if json_schema is not None else None
            try:
                return self._call(messages, fmt)
            except self._openai.BadRequestError as exc:
                if fmt is None or not _about_format(exc):
                    raise BackendError(f"the server refused the request (400): {self._short(exc)}") from exc
                log.info("%s refused response_format %s; trying the next", self.key, _FORMATS[level])
                level += 1
                with _format_lock:
                    _format_level[self.key] = level
            except self._openai.APITimeoutError as exc:
                raise BackendError(f"timed out after {self.timeout_s:g} s", transient=True) from exc
            except self._openai.APIConnectionError as exc:
                raise BackendError(f"cannot reach the server: {self._short(exc)}", transient=True) from exc
            except self._openai.APIStatusError as exc:
                transient = exc.status_code >= 500 or exc.status_code in (408, 409, 429)
                raise BackendError(f"server error {exc.status_code}: {self._short(exc)}", transient=transient) from exc

    def _short(self, exc: Exception, limit: int = 200) -> str:
        """The error's text on one line, at most ``limit`` characters, with the API key masked."""
        text = " ".join(str(exc).split())
        if self._key:
            text = text.replace(self._key, "***")
        return text[:limit]

    def _call(self, messages: list[dict], fmt: dict | None) -> str:
        # No token cap: max_tokens vs max_completion_tokens differs between servers; the timeout bounds it.
        kwargs: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": 0}
        if fmt is not None:
            kwargs["response_format"] = fmt
        if not self.stream:
            response = self.client.chat.completions.create(**kwargs)
            if not response.choices:
                return ""
            return response.choices[0].message.content or ""
        return self._stream(kwargs)

    def _stream(self, kwargs: dict[str, Any]) -> str:
        # The client's timeout bounds each read; the deadline bounds the whole answer.
        deadline = time.monotonic() + self.timeout_s
        parts: list[str] = []
        with self.client.chat.completions.create(stream=True, **kwargs) as stream:
            for chunk in stream:
                if chunk.choices and chunk.choices[0].delta and chunk.choices[0].delta.content:
                    parts.append(chunk.choices[0].delta.content)
                if time.monotonic() > deadline:
                    raise BackendError(f"timed out after {self.timeout_s:g} s (streaming)", transient=True)
        return "".join(parts)


def _about_format(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("response_format", "json_schema", "json_object", "schema", "format"))


def reset_capabilities() -> None:
    """Forget which response formats servers accepted (tests, or after a server upgrade)."""
    with _format_lock:
        _format_level.clear()
