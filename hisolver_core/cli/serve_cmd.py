"""``hisolver serve``: a registered model (or a model folder) behind the OpenAI and Vertex routes."""

from __future__ import annotations

import os

import click

from .common import settings_from_env


@click.command("serve")
@click.argument("name", required=False)
@click.option("--port", type=int, default=None, help="Port (default AIP_HTTP_PORT, else 8080).")
@click.option("--host", default=None, help="Address (default 127.0.0.1; 0.0.0.0 inside a Vertex container).")
@click.option(
    "--model-dir", default=None, help="A model folder or gs:// URI instead of NAME (default AIP_STORAGE_URI)."
)
@click.option("--base-model", default=None, help="Base model for an adapter-only folder (default: the adapter's own).")
@click.option("--queue", "queue_size", type=int, default=None, help="Requests that may wait (HISOLVER_SERVE_QUEUE).")
@click.option("--max-tokens", type=int, default=None, help="Token limit per answer (HISOLVER_SERVE_MAX_TOKENS).")
@click.option(
    "--timeout", "timeout_s", type=float, default=None, help="Seconds per request (HISOLVER_SERVE_TIMEOUT_S)."
)
def serve_cmd(
    name: str | None,
    port: int | None,
    host: str | None,
    model_dir: str | None,
    base_model: str | None,
    queue_size: int | None,
    max_tokens: int | None,
    timeout_s: float | None,
) -> None:
    """Serve model NAME: OpenAI chat API under /v1/, Vertex predict and health where AIP_* say.

    Health says `loading` (503) until the weights are in, then `ready`.

    \b
    Example:
      hisolver serve hisolver-manim-v2 --port 8080
      curl localhost:8080/v1/models
    """
    from ..serving import Engine, make_server, resolve_model_files, serve_forever

    settings = settings_from_env()
    env = dict(os.environ)
    files = resolve_model_files(settings, name, model_dir or env.get("AIP_STORAGE_URI"), base_model)
    engine = Engine(
        files,
        queue_size=queue_size or settings.serve_queue,
        max_tokens=max_tokens or settings.serve_max_tokens,
        timeout_s=timeout_s or settings.serve_timeout_s,
    )
    port = port if port is not None else int(env.get("AIP_HTTP_PORT", "8080"))
    host = host or ("0.0.0.0" if "AIP_HTTP_PORT" in env else "127.0.0.1")
    try:
        server = make_server(engine, host, port, model_name=files.name, environ=env)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    click.echo(
        f"serving {files.name} on http://{host}:{server.port} (OpenAI routes under /v1/, "
        f"predict {server.predict_route}, health {server.health_route}); loading weights...",
        err=True,
    )
    try:
        serve_forever(server)
    except KeyboardInterrupt:
        pass
