"""``hisolver serve``: one HTTP server for a model, speaking two protocols.

- OpenAI chat completions: ``GET /v1/models``, ``POST /v1/chat/completions`` (``stream`` sends
  the answer as server-sent events), so the ``openai`` backend and any OpenAI client use it.
- Vertex AI's custom-container contract: health on ``AIP_HEALTH_ROUTE`` (default ``/health``),
  predictions on ``AIP_PREDICT_ROUTE`` (default ``/predict``): ``{"instances": [...]}`` ->
  ``{"predictions": [{"content": ...}]}``; an instance is ``{"messages": [...]}``, ``{"prompt": ...}``
  or a string. The port is ``AIP_HTTP_PORT`` (default 8080) unless ``--port`` says otherwise.

Health answers 503 ``{"status": "loading"}`` until the weights are in, then 200 ``ready``.
Bodies over 1.5 MB (Vertex's limit) get 413, bodies that are not JSON 400, a full queue 503 with
``Retry-After``, a request past its deadline 504. Errors are JSON ``{"error": {"message": ...}}``.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ..errors import HiSolverError
from .engine import Engine, EngineBusy

__all__ = ["MAX_BODY_BYTES", "ServeServer", "make_server", "serve_forever"]

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1_572_864  # 1.5 MB, Vertex AI's request limit
MAX_INSTANCES = 16


class BadRequest(HiSolverError):
    """A request the server refuses; ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _messages(value: Any) -> list[dict]:
    if not isinstance(value, list) or not value:
        raise BadRequest("'messages' must be a non-empty list of {role, content} objects")
    out = []
    for m in value:
        if not isinstance(m, dict) or not isinstance(m.get("content"), str) or not isinstance(m.get("role"), str):
            raise BadRequest("each message needs a string 'role' and a string 'content'")
        out.append({"role": m["role"], "content": m["content"]})
    return out


def _instance_messages(instance: Any) -> list[dict]:
    if isinstance(instance, str):
        return [{"role": "user", "content": instance}]
    if isinstance(instance, dict):
        if "messages" in instance:
            return _messages(instance["messages"])
        if isinstance(instance.get("prompt"), str):
            return [{"role": "user", "content": instance["prompt"]}]
    raise BadRequest('each instance must be a string, {"messages": [...]} or {"prompt": "..."}')


def _max_tokens(body: dict) -> int | None:
    value = body.get("max_completion_tokens", body.get("max_tokens"))
    if value is None:
        return None
    # Vertex's clients send numbers through protobuf Struct, so 4096 arrives as 4096.0
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 1 or value != int(value):
        raise BadRequest("'max_tokens' must be a positive whole number")
    return int(value)


class _Handler(BaseHTTPRequestHandler):
    server: ServeServer
    protocol_version = "HTTP/1.1"
    wbufsize = -1  # buffered writes; unbuffered ones stall each response about 40 ms

    def log_message(self, fmt: str, *args: Any) -> None:
        log.debug("%s " + fmt, self.address_string(), *args)

    def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, {"error": {"message": message, "code": status}}, headers)

    def _body(self) -> dict:
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            raise BadRequest("a Content-Length header is required", 411)
        try:
            length = int(length_text)
        except ValueError:
            raise BadRequest("Content-Length is not a number") from None
        if length > MAX_BODY_BYTES:
            self._discard(length)
            raise BadRequest(f"the request body is {length} bytes; the limit is {MAX_BODY_BYTES} (1.5 MB)", 413)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError as exc:  # JSONDecodeError, or UnicodeDecodeError for bytes that are not UTF-8
            why = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8 text"
            raise BadRequest(f"the request body is not JSON ({why})") from None
        if not isinstance(body, dict):
            raise BadRequest("the request body must be a JSON object")
        return body

    def _discard(self, length: int) -> None:
        """Read and drop an over-long body (up to 16 MB) so the client hears the 413 instead of a broken pipe."""
        if length > 16 * MAX_BODY_BYTES:
            self.close_connection = True  # not worth reading: the connection cannot be reused
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 65536))
            if not chunk:
                break
            length -= len(chunk)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        srv = self.server
        if path in (srv.health_route, "/health", "/v1/health"):
            status = 200 if srv.engine.state == "ready" else 503
            payload: dict[str, Any] = {"status": srv.engine.state, "model": srv.model_name}
            if srv.engine.error:
                payload["error"] = srv.engine.error
            self._send(status, payload)
        elif path == "/v1/models":
            self._send(
                200,
                {
                    "object": "list",
                    "data": [{"id": srv.model_name, "object": "model", "created": srv.started, "owned_by": "hisolver"}],
                },
            )
        else:
            self._error(404, f"no route GET {path}")

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0]
        try:
            body = self._body()
            if path == "/v1/chat/completions":
                self._chat(body)
            elif path == self.server.predict_route:
                self._predict(body)
            else:
                self._error(404, f"no route POST {path}")
        except BadRequest as exc:
            self._error(exc.status, str(exc))
        except EngineBusy as exc:
            headers = {"Retry-After": "1"} if exc.status == 503 else None
            self._error(exc.status, str(exc), headers)
        except HiSolverError as exc:
            self._error(500, str(exc))
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up

    def _chat(self, body: dict) -> None:
        messages = _messages(body.get("messages"))
        result = self.server.engine.generate(messages, _max_tokens(body))
        model = str(body.get("model") or self.server.model_name)
        ident = f"chatcmpl-{uuid.uuid4().hex[:12]}"
        usage = {"completion_tokens": result.new_tokens}
        if not body.get("stream"):
            self._send(
                200,
                {
                    "id": ident,
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": result.text}, "finish_reason": "stop"}
                    ],
                    "usage": usage,
                },
            )
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        base = {"id": ident, "object": "chat.completion.chunk", "created": int(time.time()), "model": model}
        for delta, finish in (({"role": "assistant", "content": result.text}, None), ({}, "stop")):
            chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _predict(self, body: dict) -> None:
        instances = body.get("instances")
        if not isinstance(instances, list) or not instances:
            raise BadRequest("'instances' must be a non-empty list")
        if len(instances) > MAX_INSTANCES:
            raise BadRequest(f"at most {MAX_INSTANCES} instances per request")
        parameters = body.get("parameters")
        if not isinstance(parameters, dict):
            parameters = {}
        predictions = []
        for instance in instances:
            messages = _instance_messages(instance)
            limit = _max_tokens(instance if isinstance(instance, dict) else parameters) or _max_tokens(parameters)
            result = self.server.engine.generate(messages, limit)
            predictions.append({"content": result.text, "new_tokens": result.new_tokens})
        self._send(200, {"predictions": predictions, "deployedModelId": self.server.deployed_model_id})


class ServeServer(ThreadingHTTPServer):
    """The HTTP server; ``engine`` answers, the routes come from the Vertex ``AIP_*`` contract."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the listen backlog: a burst past the work queue gets 503s, not connection resets

    def __init__(
        self,
        engine: Engine,
        host: str,
        port: int,
        *,
        model_name: str,
        health_route: str = "/health",
        predict_route: str = "/predict",
        deployed_model_id: str = "",
    ) -> None:
        super().__init__((host, port), _Handler)
        self.engine = engine
        self.model_name = model_name
        self.health_route = health_route or "/health"
        self.predict_route = predict_route or "/predict"
        self.deployed_model_id = deployed_model_id
        self.started = int(time.time())

    @property
    def port(self) -> int:
        """The port it listens on (useful with port 0)."""
        return self.server_address[1]

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def make_server(
    engine: Engine, host: str = "127.0.0.1", port: int = 0, *, model_name: str, environ: dict[str, str] | None = None
) -> ServeServer:
    """Return a bound (not yet serving) :class:`ServeServer`; routes from ``AIP_*`` in ``environ``."""
    env = environ or {}
    return ServeServer(
        engine,
        host,
        port,
        model_name=model_name,
        health_route=env.get("AIP_HEALTH_ROUTE", "/health"),
        predict_route=env.get("AIP_PREDICT_ROUTE", "/predict"),
        deployed_model_id=env.get("AIP_DEPLOYED_MODEL_ID", ""),
    )


def serve_forever(server: ServeServer) -> None:
    """Serve while the weights load in the background; stop if they fail to load.

    Raises :class:`HiSolverError` (the load error) when loading fails.
    """
    failure: list[HiSolverError] = []

    def load() -> None:
        try:
            server.engine.load()
        except HiSolverError as exc:
            failure.append(exc)
            server.shutdown()

    threading.Thread(target=load, name="hisolver-serve-load", daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        server.engine.close()
    if failure:
        raise failure[0]
