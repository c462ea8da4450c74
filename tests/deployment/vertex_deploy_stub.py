"""Model, Endpoint and prediction routes for the jobs tests' Vertex AI REST stub (tests/jobs/vertex_stub.py).

:func:`serving_stub` returns a :class:`VertexStub` that also serves what ``google-cloud-aiplatform``
calls to deploy: ``models:upload`` (and ``GET`` of the model), endpoint create / get / patch,
``:deployModel`` and ``:undeployModel`` (keeping each endpoint's deployed models and traffic split)
and ``:predict`` (a scripted answer, or forwarded to a serving container's predict route, as
Vertex does). Long-running operations come back ``done: true``. Requests are recorded as sent.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "jobs"))

from vertex_stub import _PARENT, VertexStub  # noqa: E402

__all__ = ["serving_stub", "reset_serving", "calls"]

_TYPES = "type.googleapis.com/google.cloud.aiplatform.v1."
_ENDPOINT = _PARENT + r"/endpoints/(\d+)"


def _operation(stub: VertexStub, parent: str, kind: str, response: dict) -> tuple[int, Any]:
    return 200, {
        "name": f"{parent}/operations/{stub.next_id()}",
        "done": True,
        "response": {"@type": _TYPES + kind, **response},
    }


def _refused(stub: VertexStub, verb: str) -> tuple[int, Any] | None:
    status = stub.fail_verbs.get(verb)
    if status:
        return status, {"error": {"code": status, "message": f"stub refuses {verb}", "status": "FAILED_PRECONDITION"}}
    return None


def _upload(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    name = f"{match.group(1)}/models/{stub.next_id()}"
    # custom-container models deploy on dedicated machines, as Vertex reports
    stub.models[name] = {**body["model"], "name": name, "supportedDeploymentResourcesTypes": ["DEDICATED_RESOURCES"]}
    return _refused(stub, "upload") or _operation(
        stub, match.group(1), "UploadModelResponse", {"model": name, "modelVersionId": "1"}
    )


def _get_model(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    name = f"{match.group(1)}/models/{match.group(2)}"
    if name not in stub.models:
        return 404, {"error": {"code": 404, "message": f"no model {name}", "status": "NOT_FOUND"}}
    return 200, stub.models[name]


def _create_endpoint(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    name = f"{match.group(1)}/endpoints/{stub.next_id()}"
    stub.endpoints[name] = {**body, "name": name, "deployedModels": [], "trafficSplit": {}}
    return _operation(stub, match.group(1), "Endpoint", stub.endpoints[name])


def _endpoint(stub: VertexStub, match: re.Match) -> dict | None:
    return stub.endpoints.get(f"{match.group(1)}/endpoints/{match.group(2)}")


def _missing(match: re.Match) -> tuple[int, Any]:
    return 404, {"error": {"code": 404, "message": f"no endpoint {match.group(2)}", "status": "NOT_FOUND"}}


def _get_endpoint(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    endpoint = _endpoint(stub, match)
    return (200, endpoint) if endpoint is not None else _missing(match)


def _patch_endpoint(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    endpoint = _endpoint(stub, match)
    if endpoint is None:
        return _missing(match)
    if "trafficSplit" in body:
        endpoint["trafficSplit"] = {k: int(v) for k, v in body["trafficSplit"].items()}
    return 200, endpoint


def _deploy(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    endpoint = _endpoint(stub, match)
    if endpoint is None:
        return _missing(match)
    refused = _refused(stub, "deployModel")
    if refused:
        return refused
    deployed = {**body["deployedModel"], "id": stub.next_id()}
    endpoint["deployedModels"].append(deployed)
    split = {k: int(v) for k, v in (body.get("trafficSplit") or {}).items()}
    if "0" in split:  # "0" is the model being deployed
        split[deployed["id"]] = split.pop("0")
    endpoint["trafficSplit"] = {k: v for k, v in split.items() if v}
    return _operation(stub, match.group(1), "DeployModelResponse", {"deployedModel": deployed})


def _undeploy(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    endpoint = _endpoint(stub, match)
    if endpoint is None:
        return _missing(match)
    refused = _refused(stub, "undeployModel")
    if refused:
        return refused
    endpoint["deployedModels"] = [d for d in endpoint["deployedModels"] if d["id"] != body["deployedModelId"]]
    endpoint["trafficSplit"] = {k: int(v) for k, v in (body.get("trafficSplit") or {}).items() if int(v)}
    return _operation(stub, match.group(1), "UndeployModelResponse", {})


def _predict(stub: VertexStub, match: re.Match, body: dict) -> tuple[int, Any]:
    if stub.forward_to:  # like Vertex itself: hand the body to the serving container's predict route
        request = urllib.request.Request(
            stub.forward_to, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, {
                "error": {"code": exc.code, "message": exc.read().decode()[:300], "status": "UNAVAILABLE"}
            }
    status, content = stub.predict_reply
    if status != 200:
        return status, {"error": {"code": status, "message": "stub failure", "status": "INTERNAL"}}
    return 200, {"predictions": [content], "deployedModelId": "1"}


def reset_serving(stub: VertexStub) -> VertexStub:
    """Forget models, endpoints and requests; predictions answer ``(200, "")`` until set."""
    stub.reset()
    stub.models, stub.endpoints = {}, {}
    stub.fail_verbs = {}  # verb (upload, deployModel, undeployModel) -> HTTP status to refuse it with
    stub.predict_reply, stub.forward_to = (200, ""), ""
    return stub


def serving_stub() -> VertexStub:
    """Return a started :class:`VertexStub` with the Model, Endpoint and predict routes added."""
    stub = VertexStub()
    stub.route("POST", _PARENT + r"/models:upload", _upload)
    stub.route("GET", _PARENT + r"/models/(\d+)(?:@\w+|%40\w+)?", _get_model)  # models/ID@VERSION is the model
    stub.route("POST", _PARENT + r"/endpoints", _create_endpoint)
    stub.route("GET", _ENDPOINT, _get_endpoint)
    stub.route("PATCH", _ENDPOINT, _patch_endpoint)
    stub.route("POST", _ENDPOINT + r":deployModel", _deploy)
    stub.route("POST", _ENDPOINT + r":undeployModel", _undeploy)
    stub.route("POST", _ENDPOINT + r":predict", _predict)
    return reset_serving(stub)


def calls(stub: VertexStub, verb: str) -> list[dict[str, Any]]:
    """The POST requests of one kind: ``upload``, ``create`` (an endpoint), ``deployModel``, ``undeployModel``."""
    suffix = "/endpoints" if verb == "create" else f":{verb}"
    return [r for r in stub.requests if r["method"] == "POST" and r["path"].endswith(suffix)]
