"""Jobs: every long task (collect, extract, render-check, evaluate, train, pipeline steps) runs as one.

- :mod:`.records`: the ``jobs`` row (progress, message, outcome) and ``tracked_job``;
- :mod:`.spec`: :class:`JobSpec`, what a job runs (``hisolver`` CLI arguments);
- :mod:`.runner`: the :class:`JobRunner` interface; :mod:`.local` (a detached
  process, the default) and :mod:`.vertex` (a Vertex AI custom job) implement it;
- :mod:`.service`: submit, wait, cancel, retry, logs, and :func:`poll_jobs`.
"""

from __future__ import annotations

from .records import (
    ACTIVE,
    FINISHED,
    JOB_ID_ENV,
    STATUSES,
    JobCancelled,
    JobProgress,
    Progress,
    finish_job,
    get_job,
    list_jobs,
    reap_lost_jobs,
    set_job_metrics,
    start_job,
    tracked_job,
    update_job,
)
from .runner import JobRunner, get_runner
from .service import (
    cancel_job,
    duration_s,
    find_job,
    job_logs,
    poll_jobs,
    recent_jobs,
    retry_job,
    submit_job,
    wait_job,
)
from .spec import RUNNERS, JobSpec, parse_slots

__all__ = [
    "ACTIVE",
    "FINISHED",
    "JOB_ID_ENV",
    "RUNNERS",
    "STATUSES",
    "JobCancelled",
    "JobProgress",
    "JobRunner",
    "JobSpec",
    "Progress",
    "cancel_job",
    "duration_s",
    "find_job",
    "finish_job",
    "get_job",
    "get_runner",
    "job_logs",
    "list_jobs",
    "parse_slots",
    "poll_jobs",
    "reap_lost_jobs",
    "recent_jobs",
    "retry_job",
    "set_job_metrics",
    "start_job",
    "submit_job",
    "tracked_job",
    "update_job",
    "wait_job",
]  # fmt: skip
