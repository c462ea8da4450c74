"""Start a training run as a job: the same ``hisolver train start`` command, locally or on Vertex AI."""

from __future__ import annotations

from typing import Any

from ..config import Settings
from .params import CLI_FLAGS, CLI_OPTIONS, RUNNERS, TrainingError, TrainParams

__all__ = ["start_args", "launch_run", "VERTEX_DEFAULTS"]

# A 24 GB L4 fits LoRA of a 0.5-1.5B model and QLoRA of a 7B one.
VERTEX_DEFAULTS: dict[str, Any] = {
    "machine_type": "g2-standard-8",
    "accelerator_type": "NVIDIA_L4",
    "accelerator_count": 1,
}


def start_args(dataset: str, base_model: str, params: TrainParams) -> tuple[str, ...]:
    """Return the ``hisolver`` arguments that run this training in the foreground (what a job executes)."""
    defaults = TrainParams()
    args = ["train", "start", "--dataset", dataset, "--base-model", base_model]
    for field, option in CLI_OPTIONS.items():
        value = getattr(params, field)
        if value != getattr(defaults, field):
            args += [option, str(value)]
    for field, (on, off) in CLI_FLAGS.items():
        value = getattr(params, field)
        if value != getattr(defaults, field):
            flag = on if value else off
            if flag:
                args.append(flag)
    return tuple(args)


def launch_run(
    settings: Settings,
    dataset: str,
    base_model: str,
    params: TrainParams,
    *,
    runner: str = "local",
    machine_type: str | None = None,
    accelerator_type: str | None = None,
    accelerator_count: int = 0,
) -> int:
    """Submit the run as a ``train`` job and return its job id at once.

    ``runner`` is ``local`` (a detached process on this machine) or ``vertex`` (a CustomJob in the
    project's image, GPU from the machine options; its blobs go to GCS). Raises
    :class:`TrainingError` for a bad runner, or the jobs module's error when submission fails.
    """
    from ..jobs import JobSpec, submit_job

    if runner not in RUNNERS:
        raise TrainingError(f"unknown runner {runner!r}: use local or vertex")
    params = params.checked()
    machine: dict[str, Any] = {}
    if runner == "vertex":
        machine = {
            "machine_type": machine_type or VERTEX_DEFAULTS["machine_type"],
            "accelerator_type": accelerator_type or VERTEX_DEFAULTS["accelerator_type"],
            "accelerator_count": int(accelerator_count or VERTEX_DEFAULTS["accelerator_count"]),
        }
    spec = JobSpec(
        kind="train",
        args=start_args(dataset, base_model, params),
        params={"dataset": dataset, "base_model": base_model, "runner": runner, **params.to_dict()},
        **machine,
    )  # the Vertex runner itself points the job's blob store at GCS
    return submit_job(settings, spec, runner=runner)
