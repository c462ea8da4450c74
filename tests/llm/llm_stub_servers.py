"""Stub servers on 127.0.0.1 for the LLM backend tests: OpenAI chat completions and Vertex AI REST.

Both are stdlib ``ThreadingHTTPServer``s. Each test scripts the replies it
wants (``push``) and inspects what the client sent (``requests``).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Content = str | Callable[[dict], str]


@dataclass
class Reply:
    """One scripted answer: ``content`` (text, or a function of the request body), or an error status."""

    content: Content = ""
    status: int = 200
    delay_s: float = 0.0
    message: str = "stub failure"  # the error body's message (a server may echo what it was sent)


class _Handler(BaseHTTPRequestHandler):
    wbufsize = -1  # buffered writes; unbuffered ones stall each request about 40 ms
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt: str, *args: Any) -> None:  # keep test output clean
        pass

    def _body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw else {}

    def _send_json(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            self.close_connection = True


class _OpenAIHandler(_Handler):
    server: Any

    def do_POST(self) -> None:
        body = self._body()
        stub = self.server.stub
        if not self.path.endswith("/chat/completions"):
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})
            return
        fmt = (body.get("response_format") or {}).get("type")
        stub.requests.append(
            {"path": self.path, "body": body, "headers": {k.lower(): v for k, v in self.headers.items()}}
        )
        if fmt is not None and fmt not in stub.accept_formats:
            self._send_json(
                400, {"error": {"message": f"response_format {fmt} is not supported", "type": "invalid_request_error"}}
            )
            return
        reply = stub.next_reply()
        if reply.delay_s:
            time.sleep(reply.delay_s)
        if reply.status != 200:
            self._send_json(reply.status, {"error": {"message": reply.message, "type": "server_error"}})
            return
        content = reply.content(body) if callable(reply.content) else reply.content
        if body.get("stream"):
            self._stream(body, content)
        else:
            self._send_json(200, _completion(body, content))

    def _stream(self, body: dict, content: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        pieces = [content[i : i + 16] for i in range(0, len(content), 16)] or [""]
        for i, piece in enumerate(pieces):
            delta = {"content": piece, **({"role": "assistant"} if i == 0 else {})}
            chunk = {
                "id": "chatcmpl-stub",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": body.get("model"),
                "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
            }
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.flush()
            if self.server.stub.stream_gap_s:
                time.sleep(self.server.stub.stream_gap_s)
        end = {
            "id": "chatcmpl-stub",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": body.get("model"),
            "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
        }
        self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
        self.wfile.flush()


def _completion(body: dict, content: str) -> dict:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # a client that gave up is expected


class _StubBase:
    handler: type[_Handler]

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.replies: deque[Reply] = deque()
        self.default: Reply | None = None
        self._server = _QuietServer(("127.0.0.1", 0), self.handler)
        self._server.stub = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def push(self, *replies: Reply | str) -> None:
        """Queue replies (strings are 200 answers) used in order, then ``default``."""
        self.replies.extend(r if isinstance(r, Reply) else Reply(r) for r in replies)

    def next_reply(self) -> Reply:
        if self.replies:
            return self.replies.popleft()
        if self.default is not None:
            return self.default
        return Reply(status=500)

    def reset(self) -> None:
        self.requests.clear()
        self.replies.clear()
        self.default = None

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class StubOpenAI(_StubBase):
    """``/v1/chat/completions`` with plain and SSE answers, errors, delays and format refusal."""

    handler = _OpenAIHandler

    def __init__(self) -> None:
        self.accept_formats: set[str] = {"json_schema", "json_object"}
        self.stream_gap_s = 0.0
        super().__init__()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def reset(self) -> None:
        super().reset()
        self.accept_formats = {"json_schema", "json_object"}
        self.stream_gap_s = 0.0


class _VertexHandler(_Handler):
    server: Any

    def do_GET(self) -> None:
        stub = self.server.stub
        stub.requests.append({"method": "GET", "path": self.path})
        if "/endpoints/" in self.path:
            name = self.path.split("?")[0].removeprefix("/v1/").removeprefix("/v1beta1/")
            self._send_json(
                200,
                {
                    "name": name,
                    "displayName": "stub-endpoint",
                    "deployedModels": [{"id": "1", "model": name.rsplit("/endpoints/", 1)[0] + "/models/7"}],
                },
            )
        elif "/operations/" in self.path:
            self._send_json(200, {"name": self.path.removeprefix("/v1/"), "done": True, "response": {}})
        else:
            self._send_json(404, {"error": {"code": 404, "message": f"no route {self.path}", "status": "NOT_FOUND"}})

    def do_POST(self) -> None:
        stub = self.server.stub
        body = self._body()
        stub.requests.append({"method": "POST", "path": self.path, "body": body})
        if not self.path.split("?")[0].endswith(":predict"):
            self._send_json(404, {"error": {"code": 404, "message": f"no route {self.path}", "status": "NOT_FOUND"}})
            return
        reply = stub.next_reply()
        if reply.delay_s:
            time.sleep(reply.delay_s)
        if reply.status != 200:
            self._send_json(
                reply.status, {"error": {"code": reply.status, "message": reply.message, "status": "INTERNAL"}}
            )
            return
        content = reply.content(body) if callable(reply.content) else reply.content
        self._send_json(200, {"predictions": [content], "deployedModelId": "1"})


class StubVertex(_StubBase):
    """Vertex AI REST: ``GET`` endpoint, ``POST ...:predict``, operations answered as done."""

    handler = _VertexHandler

    @property
    def api_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def answer_json(**overrides) -> str:
    """A valid model reply for 2x + 3 = 7 (x = 2), with fields overridden."""
    data = {
        "status": "solved",
        "topic": "linear equation",
        "steps": [
            {"latex": "2x + 3 = 7", "text": "Start from the equation."},
            {"latex": "2x = 4", "text": "Subtract 3 from both sides."},
            {"latex": "x = 2", "text": "Divide both sides by 2."},
        ],
        "hints": ["What is added to 2x?", "Undo the +3 first.", "Then undo the multiplication by 2."],
        "answer_latex": "x = 2",
        "answer": "x = 2",
        "choice": None,
        "reason": "",
        "manim_code": (
            "from manim import *\n\nclass SolutionScene(Scene):\n    def construct(self):\n"
            "        self.play(Write(MathTex('x = 2')))\n"
        ),
    }
    data.update(overrides)
    return json.dumps(data)
