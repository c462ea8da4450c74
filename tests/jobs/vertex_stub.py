"""A stub of the Vertex AI REST API on 127.0.0.1, for google-cloud-aiplatform with ``api_transport="rest"``.

It serves CustomJob create / get / cancel today. Other resources (Model upload,
Endpoint, PipelineJob) plug in with :meth:`VertexStub.route`: a method, a path
regex and a handler ``(stub, match, body) -> (status, json)``. Every request is
recorded in ``stub.requests`` as sent.

A custom job walks through the states its *script* lists, one per ``GET``
(the last state stays); the script is chosen by ``stub.script_for(body)``,
which by default looks at the container args: ``--fail`` fails with
``FAIL_MESSAGE``, ``--seconds`` over 100 keeps running until cancelled,
anything else goes QUEUED -> RUNNING -> SUCCEEDED.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[["VertexStub", re.Match, dict], tuple[int, Any]]

FAIL_MESSAGE = "The replica workerpool0-0 exited with a non-zero status of 1."
# JobState numbers as the REST transport sends them with enum-encoding=int
STATE_NUMBERS = {
    "JOB_STATE_QUEUED": 1, "JOB_STATE_PENDING": 2, "JOB_STATE_RUNNING": 3, "JOB_STATE_SUCCEEDED": 4,
    "JOB_STATE_FAILED": 5, "JOB_STATE_CANCELLING": 6, "JOB_STATE_CANCELLED": 7,
}  # fmt: skip
_PARENT = r"/v1(?:beta1)?/(projects/[^/]+/locations/[^/]+)"


def default_script(body: dict) -> list[str]:
    """The states a custom job created with ``body`` goes through."""
    args = body.get("jobSpec", {}).get("workerPoolSpecs", [{}])[0].get("containerSpec", {}).get("args", [])
    if "--fail" in args:
        return ["JOB_STATE_QUEUED", "JOB_STATE_RUNNING", "JOB_STATE_FAILED"]
    if "--seconds" in args and float(args[args.index("--seconds") + 1]) > 100:
        return ["JOB_STATE_QUEUED", "JOB_STATE_RUNNING"]
    return ["JOB_STATE_QUEUED", "JOB_STATE_RUNNING", "JOB_STATE_SUCCEEDED"]


class _Handler(BaseHTTPRequestHandler):
    wbufsize = -1  # buffered writes; unbuffered ones stall each request about 40 ms
    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, fmt: str, *args: Any) -> None:
        pass

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else {}
        path = self.path.split("?")[0]
        stub: VertexStub = self.server.stub
        with stub.lock:
            stub.requests.append({"method": method, "path": path, "body": body})
            status, payload = stub.dispatch(method, path, body)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def do_PATCH(self) -> None:
        self._serve("PATCH")


class VertexStub:
    """The stub server; ``api_endpoint`` is what ``aiplatform.init`` (and ``HISOLVER_VERTEX_API_ENDPOINT``) takes."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.jobs: dict[str, dict] = {}  # resource name -> CustomJob JSON as last served
        self.scripts: dict[str, list[str]] = {}
        self.script_for: Callable[[dict], list[str]] = default_script
        self.lock = threading.Lock()
        self._ids = itertools.count(1001)
        self._routes: list[tuple[str, re.Pattern, Handler]] = []
        self.route("POST", _PARENT + r"/customJobs", _create_custom_job)
        self.route("GET", _PARENT + r"/customJobs/(\d+)", _get_custom_job)
        self.route("POST", _PARENT + r"/customJobs/(\d+):cancel", _cancel_custom_job)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.stub = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def api_endpoint(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def route(self, method: str, pattern: str, handler: Handler) -> None:
        """Serve ``method`` on paths matching ``pattern`` (full match) with ``handler``; newest routes win."""
        self._routes.insert(0, (method, re.compile(pattern), handler))

    def dispatch(self, method: str, path: str, body: dict) -> tuple[int, Any]:
        for verb, pattern, handler in self._routes:
            match = pattern.fullmatch(path)
            if verb == method and match:
                return handler(self, match, body)
        return 404, {"error": {"code": 404, "message": f"no route {method} {path}", "status": "NOT_FOUND"}}

    def created(self, collection: str = "customJobs") -> list[dict]:
        """Bodies of the create requests sent for ``collection``."""
        return [r["body"] for r in self.requests if r["method"] == "POST" and r["path"].endswith("/" + collection)]

    def next_id(self) -> str:
        return str(next(self._ids))

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.jobs.clear()
            self.scripts.clear()
            self.script_for = default_script
            self._ids = itertools.count(1001)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _job_json(stub: VertexStub, name: str, state: str) -> dict:
    job = dict(stub.jobs[name], state=STATE_NUMBERS[state])
    if state == "JOB_STATE_FAILED":
        job["error"] = {"code": 3, "message": FAIL_MESSAGE}
    stub.jobs[name] = job
    return job


def _create_custom_job(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    name = f"{match.group(1)}/customJobs/{stub.next_id()}"
    stub.jobs[name] = {**body, "name": name, "createTime": "2026-12-01T00:00:00Z"}
    script = stub.scripts[name] = list(stub.script_for(body))
    return 200, _job_json(stub, name, script.pop(0) if len(script) > 1 else script[0])


def _get_custom_job(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    name = f"{match.group(1)}/customJobs/{match.group(2)}"
    if name not in stub.jobs:
        return 404, {"error": {"code": 404, "message": f"CustomJob {name} not found", "status": "NOT_FOUND"}}
    script = stub.scripts[name]
    state = script.pop(0) if len(script) > 1 else script[0]
    return 200, _job_json(stub, name, state)


def _cancel_custom_job(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    name = f"{match.group(1)}/customJobs/{match.group(2)}"
    if name not in stub.jobs:
        return 404, {"error": {"code": 404, "message": f"CustomJob {name} not found", "status": "NOT_FOUND"}}
    stub.scripts[name] = ["JOB_STATE_CANCELLING", "JOB_STATE_CANCELLED"]
    return 200, {}
