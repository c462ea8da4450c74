"""Vertex AI endpoint backend: ``aiplatform.Endpoint.predict`` over the REST transport.

The request carries the chat ``messages`` and the same conversation flattened
into a ``prompt`` (vLLM-style serving containers read ``prompt``; chat-aware
ones read ``messages``), ``max_tokens``, ``temperature`` 0 and
``raw_response`` (so vLLM does not echo the prompt). A prediction may be a
string or an object with ``content``, ``text``, ``generated_text``,
``output`` or OpenAI-style ``choices``.

``aiplatform.init`` sets process-wide state, so it runs under a lock together
with building the endpoint and its prediction client; afterwards the client
keeps its own settings. A plain ``http://`` API endpoint (a local stub or a
private proxy) gets anonymous credentials.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from ..config import Settings
from .base import BackendError, BackendUnavailable, ModelBackend

__all__ = ["VertexBackend", "flatten_messages", "prediction_text"]

log = logging.getLogger(__name__)

MAX_TOKENS = 4096
_init_lock = threading.Lock()
_endpoints: dict[str, Any] = {}  # backend key -> aiplatform.Endpoint with its client built


def flatten_messages(messages: list[dict]) -> str:
    """Return chat ``messages`` as one plain prompt ending with ``Assistant:``."""
    parts = [f"{m['role'].capitalize()}: {m['content']}" for m in messages]
    return "\n\n".join(parts) + "\n\nAssistant:"


def prediction_text(prediction: Any) -> str:
    """Return the generated text inside one Vertex prediction (see the module docstring)."""
    if isinstance(prediction, str):
        text = prediction
        if "\nOutput:\n" in text:  # vLLM containers echo "Prompt:\n...\nOutput:\n..."
            text = text.split("\nOutput:\n", 1)[1]
        return text
    if isinstance(prediction, dict):
        for key in ("content", "text", "generated_text", "output", "prediction"):
            if isinstance(prediction.get(key), str):
                return prediction[key]
        choices = prediction.get("choices")
        if isinstance(choices, list) and choices:
            first = choices[0]
            message = first.get("message") if isinstance(first, dict) else None
            if isinstance(message, dict) and isinstance(message.get("content"), str):
                return message["content"]
            if isinstance(first, dict) and isinstance(first.get("text"), str):
                return first["text"]
    if isinstance(prediction, list) and prediction:
        return prediction_text(prediction[0])
    raise BackendError("the endpoint's prediction holds no text")


class VertexBackend(ModelBackend):
    """Chat through a deployed Vertex AI endpoint (``settings.vertex_endpoint``)."""

    name = "vertex"

    def __init__(self, settings: Settings) -> None:
        if not settings.vertex_endpoint:
            raise BackendUnavailable("not configured (set HISOLVER_VERTEX_ENDPOINT and HISOLVER_VERTEX_PROJECT)")
        if not settings.vertex_project and not settings.vertex_endpoint.startswith("projects/"):
            raise BackendUnavailable("no project (set HISOLVER_VERTEX_PROJECT)")
        self.settings = settings
        self.timeout_s = float(settings.vertex_timeout_s)

    @property
    def key(self) -> str:
        """Name, API host and endpoint: two configurations never share a breaker."""
        s = self.settings
        return f"vertex|{s.vertex_api_endpoint or 'default'}|{s.vertex_project}|{s.vertex_location}|{s.vertex_endpoint}"

    def _endpoint(self) -> Any:
        with _init_lock:
            endpoint = _endpoints.get(self.key)
            if endpoint is None:
                endpoint = _endpoints[self.key] = _build_endpoint(self.settings)
            return endpoint

    def complete(self, messages: list[dict], *, json_schema: dict | None = None) -> str:
        """Return the endpoint's reply text; see :meth:`ModelBackend.complete`."""
        instance = {
            "messages": messages,
            "prompt": flatten_messages(messages),
            "max_tokens": MAX_TOKENS,
            "temperature": 0.0,
            "raw_response": True,
        }
        endpoint = self._endpoint()
        try:
            response = endpoint.predict(instances=[instance], timeout=self.timeout_s)
        except Exception as exc:  # vendor errors are translated below
            raise _translate(exc, self.timeout_s) from exc
        if not response.predictions:
            raise BackendError("the endpoint returned no predictions")
        return prediction_text(response.predictions[0])


def _build_endpoint(settings: Settings) -> Any:
    """Return an ``aiplatform.Endpoint`` whose prediction client follows ``settings`` (caller holds the lock)."""
    try:
        from google.cloud import aiplatform
    except ImportError as exc:  # pragma: no cover - pinned in requirements
        raise BackendUnavailable("the 'google-cloud-aiplatform' package is not installed") from exc
    project, location = settings.vertex_project or None, settings.vertex_location
    parts = settings.vertex_endpoint.split("/")
    if len(parts) == 6 and parts[0] == "projects" and parts[2] == "locations":
        project, location = parts[1], parts[3]  # a full resource name wins over the separate settings
    credentials = None
    if settings.vertex_api_endpoint.startswith("http://"):
        from google.auth.credentials import AnonymousCredentials

        credentials = AnonymousCredentials()
    try:
        aiplatform.init(
            project=project,
            location=location,
            credentials=credentials,
            api_endpoint=settings.vertex_api_endpoint or None,
            api_transport="rest",
        )
        endpoint = aiplatform.Endpoint(
            settings.vertex_endpoint,
            project=project,
            location=location,
            credentials=credentials,
        )
        endpoint._prediction_client  # noqa: B018 - build the client now, while init's settings hold
    except Exception as exc:
        raise _translate(exc, 0) from exc
    return endpoint


def _translate(exc: Exception, timeout_s: float) -> BackendError:
    from google.api_core import exceptions as gexc

    if isinstance(exc, BackendError):
        return exc
    if isinstance(exc, (gexc.DeadlineExceeded, TimeoutError)) or "timed out" in str(exc).lower():
        return BackendError(f"timed out after {timeout_s:g} s", transient=True)
    if isinstance(exc, (gexc.ServiceUnavailable, gexc.InternalServerError, gexc.TooManyRequests, gexc.BadGateway)):
        return BackendError(f"endpoint error: {_short(exc)}", transient=True)
    if isinstance(exc, gexc.GoogleAPICallError):
        return BackendError(f"endpoint refused the request: {_short(exc)}")
    try:
        import requests

        if isinstance(exc, requests.exceptions.RequestException):
            return BackendError(f"cannot reach the endpoint: {_short(exc)}", transient=True)
    except ImportError:  # pragma: no cover
        pass
    if type(exc).__name__ == "DefaultCredentialsError":
        return BackendUnavailable("no Google credentials (set GOOGLE_APPLICATION_CREDENTIALS or run gcloud auth)")
    return BackendError(f"{type(exc).__name__}: {_short(exc)}")


def _short(exc: Exception, limit: int = 200) -> str:
    return " ".join(str(exc).split())[:limit]


def forget_endpoints() -> None:
    """Drop cached endpoint clients (tests, or after the settings change)."""
    with _init_lock:
        _endpoints.clear()
