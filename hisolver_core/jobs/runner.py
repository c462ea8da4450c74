"""The runner interface: where a job's ``hisolver`` command runs (this machine, or Vertex AI)."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from ..config import Settings
from ..errors import JobError
from .spec import RUNNERS, JobSpec

__all__ = ["JobRunner", "get_runner"]


@runtime_checkable
class JobRunner(Protocol):
    """Submit / status / logs / cancel. Implementations: :class:`LocalRunner`, :class:`VertexRunner`.

    Runners never write the ``jobs`` table themselves: each method returns the
    changes to record, and :mod:`hisolver_core.jobs.service` records them.
    """

    name: str

    def check(self, spec: JobSpec) -> None:
        """Raise :class:`HiSolverError` when ``spec`` cannot run here (missing image, bucket); change nothing."""

    def submit(self, job_id: int, spec: JobSpec) -> dict[str, Any]:
        """Start job ``job_id`` now; return row changes (``pid``, ``external_id``, ``console_url``, ...)."""

    def status(self, row: dict[str, Any]) -> dict[str, Any]:
        """Return row changes that bring an active job's row up to date (empty when nothing changed)."""

    def logs(self, row: dict[str, Any], tail_lines: int | None = None) -> str:
        """Return the job's log text (the last ``tail_lines`` lines when given)."""

    def cancel(self, row: dict[str, Any]) -> None:
        """Stop an active job; returns once it is stopped or the stop was requested."""


def get_runner(settings: Settings, name: str) -> JobRunner:
    """Return the runner called ``name`` (``local`` or ``vertex``); raises :class:`JobError` for another name."""
    if name == "local":
        from .local import LocalRunner

        return LocalRunner(settings)
    if name == "vertex":
        from .vertex import (
            VertexRunner,  # imported lazily: the Vertex SDK takes seconds to import
        )

        return VertexRunner(settings)
    raise JobError(f"unknown job runner {name!r}: use one of {', '.join(RUNNERS)}")
