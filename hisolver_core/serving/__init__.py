"""``hisolver serve``: a registered model behind the OpenAI chat API and Vertex AI's container contract.

- :mod:`.artifacts` - :func:`fetch_registered` / :func:`from_storage_uri`: local folders of a model;
- :mod:`.engine` - :class:`Engine`: loads it once, a bounded queue, a token limit and a deadline;
- :mod:`.server` - :func:`make_server` / :func:`serve_forever`: the HTTP routes.
"""

from .artifacts import ModelFiles, ServeError, check_files, fetch_registered, from_storage_uri, resolve_model_files
from .engine import Completion, Engine, EngineBusy, NotReady, QueueFull, RequestTimeout
from .server import MAX_BODY_BYTES, ServeServer, make_server, serve_forever

__all__ = [
    "ModelFiles",
    "ServeError",
    "check_files",
    "fetch_registered",
    "from_storage_uri",
    "resolve_model_files",
    "Completion",
    "Engine",
    "EngineBusy",
    "NotReady",
    "QueueFull",
    "RequestTimeout",
    "MAX_BODY_BYTES",
    "ServeServer",
    "make_server",
    "serve_forever",
]
