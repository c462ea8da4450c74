"""A stateful Vertex AI REST stub for deployment tests: models, endpoints, deploy, undeploy, traffic.

It extends the LLM tests' :class:`StubVertex` (predict, operations) with the Model and Endpoint
routes ``google-cloud-aiplatform`` calls over its REST transport; every long-running operation
comes back ``done: true``. ``requests`` records what the client sent, so tests assert on it.
"""

from __future__ import annotations

import itertools
import urllib.parse
from typing import Any

from llm_stub_servers import StubVertex, _VertexHandler

__all__ = ["StubVertexDeploy"]

_TYPES = "type.googleapis.com/google.cloud.aiplatform.v1."


class _DeployHandler(_VertexHandler):
    def _route(self) -> tuple[str, str]:
        path = self.path.split("?", 1)[0]
        for version in ("/v1/", "/v1beta1/"):
            path = path.removeprefix(version)
        name, _, verb = urllib.parse.unquote(path).partition(":")
        return name.split("@", 1)[0], verb  # models/ID@VERSION is the model itself

    def _operation(self, kind: str, response: dict) -> None:
        stub = self.server.stub
        op = f"{self._route()[0].split('/models')[0].split('/endpoints')[0]}/operations/{next(stub.ids)}"
        self._send_json(200, {"name": op, "done": True, "response": {"@type": _TYPES + kind, **response}})

    def do_GET(self) -> None:
        stub = self.server.stub
        name, _ = self._route()
        if name in stub.models:
            stub.requests.append({"method": "GET", "path": self.path})
            self._send_json(200, stub.models[name])
        elif name in stub.endpoints:
            stub.requests.append({"method": "GET", "path": self.path})
            self._send_json(200, stub.endpoints[name])
        else:
            super().do_GET()

    def do_PATCH(self) -> None:
        stub = self.server.stub
        name, _ = self._route()
        body = self._body()
        stub.requests.append({"method": "PATCH", "path": self.path, "body": body})
        endpoint = stub.endpoints.get(name)
        if endpoint is None:
            self._send_json(404, {"error": {"code": 404, "message": f"no endpoint {name}", "status": "NOT_FOUND"}})
            return
        if "trafficSplit" in body:
            endpoint["trafficSplit"] = {k: int(v) for k, v in body["trafficSplit"].items()}
        self._send_json(200, endpoint)

    def do_POST(self) -> None:
        stub = self.server.stub
        name, verb = self._route()
        if verb == "predict":
            super().do_POST()
            return
        body = self._body()
        stub.requests.append({"method": "POST", "path": self.path, "body": body, "verb": verb or "create"})
        if stub.fail_verbs.get(verb):
            status = stub.fail_verbs[verb]
            self._send_json(status, {"error": {"code": status, "message": f"stub refuses {verb}", "status": "FAILED_PRECONDITION"}})
            return
        handler = {"upload": self._upload, "deployModel": self._deploy, "undeployModel": self._undeploy}.get(verb)
        if handler is not None:
            handler(name, body)
        elif name.endswith("/endpoints") and not verb:
            self._create_endpoint(name, body)
        else:
            self._send_json(404, {"error": {"code": 404, "message": f"no route {self.path}", "status": "NOT_FOUND"}})

    def _upload(self, parent: str, body: dict) -> None:
        stub = self.server.stub
        # parent ends in /models; custom-container models deploy on dedicated machines, as Vertex says
        model = {**body["model"], "name": f"{parent}/{next(stub.ids)}",
                 "supportedDeploymentResourcesTypes": ["DEDICATED_RESOURCES"]}
        stub.models[model["name"]] = model
        self._operation("UploadModelResponse", {"model": model["name"], "modelVersionId": "1"})

    def _create_endpoint(self, parent: str, body: dict) -> None:
        stub = self.server.stub
        endpoint = {**body, "name": f"{parent}/{next(stub.ids)}", "deployedModels": [], "trafficSplit": {}}
        stub.endpoints[endpoint["name"]] = endpoint
        self._operation("Endpoint", endpoint)

    def _deploy(self, name: str, body: dict) -> None:
        stub = self.server.stub
        endpoint = stub.endpoints[name]
        deployed = {**body["deployedModel"], "id": str(next(stub.ids))}
        endpoint["deployedModels"].append(deployed)
        split = {k: int(v) for k, v in (body.get("trafficSplit") or {}).items()}
        if "0" in split:
            split[deployed["id"]] = split.pop("0")
        endpoint["trafficSplit"] = {k: v for k, v in split.items() if v}
        self._operation("DeployModelResponse", {"deployedModel": deployed})

    def _undeploy(self, name: str, body: dict) -> None:
        endpoint = self.server.stub.endpoints[name]
        gone = body["deployedModelId"]
        endpoint["deployedModels"] = [d for d in endpoint["deployedModels"] if d["id"] != gone]
        endpoint["trafficSplit"] = {k: int(v) for k, v in (body.get("trafficSplit") or {}).items() if int(v)}
        self._operation("UndeployModelResponse", {})


class StubVertexDeploy(StubVertex):
    """:class:`StubVertex` plus models, endpoints, deployed models and traffic splits held in memory."""

    handler = _DeployHandler

    def __init__(self) -> None:
        self.models: dict[str, dict] = {}
        self.endpoints: dict[str, dict] = {}
        self.fail_verbs: dict[str, int] = {}  # verb -> HTTP status to refuse it with
        self.ids = itertools.count(100)
        super().__init__()

    def reset(self) -> None:
        super().reset()
        self.models.clear()
        self.endpoints.clear()
        self.fail_verbs.clear()

    def calls(self, verb: str) -> list[dict[str, Any]]:
        """The POST requests of one kind: ``upload``, ``create``, ``deployModel``, ``undeployModel``."""
        return [r for r in self.requests if r.get("verb") == verb]
