"""Read benchmark files into ``EvalItem``s: AGIEval (SAT), MATH, GSM8K and AQuA JSONL."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ProblemError
from ..mathengine import parse_options

__all__ = ["EvalItem", "load_items", "FORMATS"]

FORMATS = ("agieval", "math", "gsm8k", "aqua")


@dataclass
class EvalItem:
    """One benchmark problem with its expected answer (a letter when it has options)."""

    id: str
    problem: str
    options: list[str] = field(default_factory=list)
    expected: str = ""
    expected_letter: str | None = None
    subject: str = ""
    level: int | None = None


def _agieval(row: dict, i: int) -> EvalItem:
    passage = (row.get("passage") or "").strip()
    question = (row.get("question") or "").strip()
    problem = f"{passage}\n{question}".strip() if passage else question
    options = list(row.get("options") or [])
    label = row.get("label")
    if isinstance(label, list):
        label = label[0] if label else None
    return EvalItem(id=str(row.get("id", i)), problem=problem, options=options,
                    expected=str(row.get("answer") or label or ""), expected_letter=(label or None) and str(label).strip().upper(),
                    subject=str(row.get("subject", "")))


def _math(row: dict, i: int) -> EvalItem:
    return EvalItem(id=str(row.get("unique_id", i)), problem=row["problem"], expected=str(row["answer"]),
                    subject=str(row.get("subject", "")), level=row.get("level"))


def _gsm8k(row: dict, i: int) -> EvalItem:
    answer = str(row["answer"]).split("####")[-1].strip().replace(",", "")
    return EvalItem(id=str(row.get("id", i)), problem=row["question"], expected=answer, subject="gsm8k")


def _aqua(row: dict, i: int) -> EvalItem:
    return EvalItem(id=str(row.get("id", i)), problem=row["question"], options=list(row["options"]),
                    expected=str(row["correct"]).strip().upper(), expected_letter=str(row["correct"]).strip().upper(),
                    subject="aqua")


_READERS = {"agieval": _agieval, "math": _math, "gsm8k": _gsm8k, "aqua": _aqua}


def load_items(path: str | Path, fmt: str, *, subjects: list[str] | None = None, max_level: int | None = None,
               limit: int | None = None) -> list[EvalItem]:
    """Read a JSONL benchmark file in format ``fmt``; return its items.

    ``subjects``/``max_level`` filter MATH items. Raises ProblemError for an
    unknown format, a missing file or a malformed line (with its number).
    """
    if fmt not in _READERS:
        raise ProblemError(f"Unknown dataset format {fmt!r}; use one of {', '.join(FORMATS)}.")
    path = Path(path)
    if not path.is_file():
        raise ProblemError(f"Dataset file not found: {path}")
    reader = _READERS[fmt]
    wanted = {s.strip().lower() for s in subjects} if subjects else None
    items: list[EvalItem] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                item = reader(json.loads(line), n)
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ProblemError(f"{path.name} line {n} is not a {fmt} record: {exc}") from exc
            if wanted is not None and item.subject.lower() not in wanted:
                continue
            if max_level is not None and item.level is not None and int(item.level) > max_level:
                continue
            items.append(item)
            if limit is not None and len(items) >= limit:
                break
    return items


def option_letters(item: EvalItem) -> list[str]:
    """The letters of the item's options, in order."""
    return [letter for letter, _ in parse_options(item.options)]


def normalise_letter(text: str | None) -> str | None:
    """``"(B)"`` -> ``"B"``; None when the text is not a single option letter."""
    if not text:
        return None
    m = re.fullmatch(r"\s*\(?([A-Ea-e])\)?\s*", str(text))
    return m.group(1).upper() if m else None
