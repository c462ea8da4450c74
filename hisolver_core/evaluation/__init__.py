"""The evaluation harness: run a solver over benchmark files and score it.

- :func:`run_eval` -> :class:`EvalReport` (items, summary, per-topic and per-subject tables);
- :func:`load_items` reads agieval / math / gsm8k / aqua JSONL into :class:`EvalItem`.
"""

from .datasets import FORMATS, EvalItem, load_items
from .runner import DEFAULT_TIME_LIMIT_S, EvalReport, run_eval, run_items, score_item

__all__ = ["run_eval", "run_items", "score_item", "load_items", "EvalItem", "EvalReport", "FORMATS", "DEFAULT_TIME_LIMIT_S"]
