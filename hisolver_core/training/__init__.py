"""Fine-tuning: LoRA / QLoRA / full fine-tuning of a causal LM on a dataset version, judged by render success.

Public surface:

- :func:`start_run`, :func:`resume_run`, :func:`evaluate_run` - one job each (``hisolver train ...``);
- :class:`TrainParams` - every hyper-parameter, with its default;
- :func:`list_runs`, :func:`get_run`, :func:`run_metrics` - the ``training_runs`` and
  ``training_metrics`` tables the Train page reads;
- :class:`TrainingError`, :class:`RunNotFound`.

Heavy libraries (torch, transformers, peft, TRL) are imported only when a run starts.
"""

from __future__ import annotations

from .params import METHODS, PROMPT_FORMATS, RUNNERS, TrainingError, TrainParams
from .runs import RunNotFound, get_run, list_runs, run_metrics
from .service import evaluate_run, resume_run, run_to_resume, start_run, work_dir

__all__ = [
    "METHODS",
    "PROMPT_FORMATS",
    "RUNNERS",
    "TrainParams",
    "TrainingError",
    "RunNotFound",
    "start_run",
    "resume_run",
    "evaluate_run",
    "run_to_resume",
    "work_dir",
    "list_runs",
    "get_run",
    "run_metrics",
]
