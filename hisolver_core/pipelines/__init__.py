"""Workflow automation: part 1 (collect to label queue) and part 2 (dataset to deploy), each step a job.

- :mod:`.steps`: the two pipelines as data (each step a ``hisolver`` command);
- :mod:`.records`: ``pipeline_runs`` and ``pipeline_steps`` (status, timings, jobs, lineage);
- :mod:`.orchestrator`: run, stop on failure, resume; :mod:`.runners`: how a step runs (a job);
- :mod:`.gate`: the deploy gate on render success, and the ``processed/`` export step;
- :mod:`.kfp_spec` and :mod:`.vertex`: the same steps compiled for Vertex AI Pipelines, and submission.
"""

from .gate import Decision, decide, deploy_if_better, export_processed
from .orchestrator import (
    PipelineStepFailed,
    auto_dataset_name,
    reap_lost_runs,
    resume_pipeline,
    run_pipeline,
    start_pipeline,
)
from .records import get_run, list_runs
from .runners import JobStepRunner, StepResult, StepRunner
from .service import launch_pipeline, pipeline_overview, step_graph
from .steps import PARTS, PipelineError, Step, part1_params, part2_params, steps_of

__all__ = [
    "PARTS", "Decision", "JobStepRunner", "PipelineError", "PipelineStepFailed", "Step", "StepResult",
    "StepRunner", "auto_dataset_name", "decide", "deploy_if_better", "export_processed", "get_run",
    "list_runs", "part1_params", "part2_params", "reap_lost_runs", "resume_pipeline", "run_pipeline",
    "start_pipeline", "steps_of", "launch_pipeline", "pipeline_overview", "step_graph",
]  # fmt: skip
