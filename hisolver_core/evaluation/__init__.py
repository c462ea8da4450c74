"""The evaluation harness: run a solver over benchmark files and score it.

- :func:`run_eval` -> :class:`EvalReport` (items, summary, per-topic and per-subject tables);
- :func:`load_items` reads agieval / math / gsm8k / aqua JSONL into :class:`EvalItem`;
- :func:`benchmark_files` lists what there is to run (the packaged SAT-style sets in
  ``evaluation/data/`` and the configured folder), :func:`packaged_set` finds one of ours,
  :func:`save_upload` keeps an uploaded file.
"""

from .datasets import FORMATS, EvalItem, load_items
from .runner import DEFAULT_TIME_LIMIT_S, EvalReport, run_eval, run_items, score_item
from .sets import BenchmarkFile, benchmark_files, guess_format, packaged_set, save_upload

__all__ = [
    "run_eval",
    "run_items",
    "score_item",
    "load_items",
    "EvalItem",
    "EvalReport",
    "FORMATS",
    "DEFAULT_TIME_LIMIT_S",
    "BenchmarkFile",
    "benchmark_files",
    "guess_format",
    "packaged_set",
    "save_upload",
]
