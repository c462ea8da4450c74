"""How one pipeline step is run: a small interface, and the job-backed runner the pipelines use.

The orchestrator only needs ``run(step, args, on_job) -> StepResult``; tests plug
in fast stand-ins, the CLI and the page use :class:`JobStepRunner`, which
submits the step's ``hisolver`` command as a job and waits for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..config import Settings
from .steps import Step, last_json_line

__all__ = ["StepResult", "StepRunner", "JobStepRunner"]


@dataclass(frozen=True)
class StepResult:
    """What a step produced: success, its JSON output, a one-line error, its job."""

    ok: bool
    output: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    job_id: int | None = None


class StepRunner(Protocol):
    """Runs one step's ``hisolver`` arguments to the end."""

    def run(self, step: Step, args: list[str], on_job: Callable[[int], None]) -> StepResult:
        """Run ``args`` for ``step``; call ``on_job(job_id)`` as soon as the job exists; return the result."""
        ...


def _error_of(row: dict[str, Any], log: str) -> str:
    """The command's own one-line error (``Error: ...`` in its log), else the job's closing message."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith("Error: "):
            return line.removeprefix("Error: ")[:500]
    message = (row.get("message") or "").strip()
    if message:
        return message
    return lines[-1][:500] if lines else f"the job ended {row.get('status')} with no output"


class JobStepRunner:
    """Each step is a job (``submit_job`` then ``wait_job``); its output is the last JSON line of its log."""

    def __init__(
        self, settings: Settings, runner: str = "local", timeout_s: float | None = None, poll_s: float = 0.5
    ) -> None:
        self.settings, self.runner, self.timeout_s, self.poll_s = settings, runner, timeout_s, poll_s

    def run(self, step: Step, args: list[str], on_job: Callable[[int], None]) -> StepResult:
        """Submit the step as a job of kind ``step.kind``, wait for it; return its outcome and output."""
        from ..jobs import JobSpec, job_logs, submit_job, wait_job

        spec = JobSpec(kind=step.kind, args=tuple(args), params={"pipeline_step": step.name})
        job_id = submit_job(self.settings, spec, runner=self.runner)
        on_job(job_id)
        row = wait_job(self.settings, job_id, timeout_s=self.timeout_s, poll_s=self.poll_s)
        log = job_logs(self.settings, job_id)
        if row["status"] == "succeeded":
            return StepResult(True, last_json_line(log), "", job_id)
        return StepResult(False, last_json_line(log), _error_of(row, log), job_id)
