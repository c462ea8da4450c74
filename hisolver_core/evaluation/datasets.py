"""Read benchmark files into ``EvalItem``s: AGIEval (SAT), MATH, GSM8K, AQuA, MMLU, SVAMP, ASDiv and MAWPS JSONL."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ProblemError
from ..mathengine import parse_options

__all__ = ["EvalItem", "load_items", "FORMATS", "LABEL_ERRORS"]

FORMATS = ("agieval", "math", "gsm8k", "aqua", "mmlu", "svamp", "asdiv", "mawps")


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
    # the expected number is rounded to its printed decimals (ASDiv gives 5.7 for 17/3)
    rounded: bool = False


def _agieval(row: dict, i: int) -> EvalItem:
    passage = (row.get("passage") or "").strip()
    question = (row.get("question") or "").strip()
    problem = f"{passage}\n{question}".strip() if passage else question
    raw_options = row.get("options") or []
    # some AGIEval exports give the options as one string "A) .. B) .." and the key as ``Answer``
    options = (
        [f"({k}){v}" for k, v in parse_options(raw_options)] if isinstance(raw_options, str) else list(raw_options)
    )
    label = row.get("label", row.get("Answer", row.get("answer_letter")))
    if isinstance(label, list):
        label = label[0] if label else None
    letter = normalise_letter(str(label)) if label is not None else None
    return EvalItem(
        id=str(row.get("id", i)),
        problem=problem,
        options=options,
        expected=str(row.get("answer") or label or ""),
        expected_letter=letter if options else None,
        subject=str(row.get("subject", "")),
    )


def _boxed_at(solution: str, start: int) -> tuple[str, int]:
    """The content of the ``\\boxed{...}`` starting at ``start`` (braces balanced) and the index after it."""
    depth, i = 0, start + len("\\boxed")
    for j in range(i, len(solution)):
        depth += {"{": 1, "}": -1}.get(solution[j], 0)
        if depth == 0:
            return solution[i + 1 : j].strip(), j + 1
    return "", len(solution)


# between two boxed answers that are one answer together: "the answers are $\boxed{-2}$ and $\boxed{1}$"
_AND_BETWEEN = re.compile(r"\s*\$?\s*(?:\\text\{\s*)?and(?:\s*\})?\s*\$?\s*(?:[a-z]\s*=\s*)?\$?\s*")


def _boxed(solution: str) -> str:
    """The answer a MATH solution boxes: its last ``\\boxed{...}``, or the last run of boxes joined by "and"
    (``$\\boxed{-2}$ and $\\boxed{1}$`` is "-2, 1"; boxes joined by "or" are alternative forms of one answer).
    "" when there is none."""
    starts = [m.start() for m in re.finditer(r"\\boxed\{", solution)]
    if not starts:
        return ""
    answers, end = [], None
    for start in starts:
        content, after = _boxed_at(solution, start)
        if end is not None and _AND_BETWEEN.fullmatch(solution[end:start]):
            answers.append(content)
        else:
            answers = [content]
        end = after
    return ", ".join(answers)


def _level(value) -> int | None:
    """``3`` or ``"Level 3"`` -> 3; None when unknown (``"Level ?"``)."""
    m = re.search(r"\d+", str(value)) if value is not None else None
    return int(m.group()) if m else None


def _math(row: dict, i: int) -> EvalItem:
    answer = row.get("answer") or _boxed(str(row.get("solution", "")))
    if not answer:
        raise KeyError("answer (or a \\boxed{} answer in solution)")
    return EvalItem(
        id=str(row.get("unique_id", i)),
        problem=row["problem"],
        expected=str(answer),
        subject=str(row.get("subject") or row.get("type", "")),
        level=_level(row.get("level")),
    )


def _gsm8k(row: dict, i: int) -> EvalItem:
    answer = str(row["answer"]).split("####")[-1].strip().replace(",", "")
    return EvalItem(id=str(row.get("id", i)), problem=row["question"], expected=answer, subject="gsm8k")


def _aqua(row: dict, i: int) -> EvalItem:
    return EvalItem(
        id=str(row.get("id", i)),
        problem=row["question"],
        options=list(row["options"]),
        expected=str(row["correct"]).strip().upper(),
        expected_letter=str(row["correct"]).strip().upper(),
        subject="aqua",
    )


def _mmlu(row: dict, i: int) -> EvalItem:
    choices = list(row["choices"])
    letter = chr(ord("A") + int(row["answer"]))
    return EvalItem(
        id=str(row.get("id", i)),
        problem=row["question"],
        options=[f"({chr(ord('A') + k)}){c}" for k, c in enumerate(choices)],
        expected=letter,
        expected_letter=letter,
        subject="mmlu",
    )


def _number(value) -> str:
    """``145.0`` -> ``"145"``; ``"9 (apples)"`` -> ``"9"``; other text unchanged."""
    text = str(value).strip()
    m = re.match(r"^(-?[\d,]*\.?\d+)(?:\s*\(.*\))?\s*$", text)
    if not m:
        return text
    number = m.group(1).replace(",", "")
    return number[:-2] if number.endswith(".0") else number


def _svamp(row: dict, i: int) -> EvalItem:
    body = str(row["Body"]).strip()
    sep = "" if body.endswith((".", "?", "!")) else "."
    return EvalItem(
        id=str(row.get("ID", i)),
        problem=f"{body}{sep} {row['Question']}".strip(),
        expected=_number(row["Answer"]),
        subject="svamp",
    )


def _asdiv(row: dict, i: int) -> EvalItem:
    problem = f"{str(row['body']).strip()} {str(row['question']).strip()}".strip()
    return EvalItem(
        id=str(row.get("idx", i)),
        problem=problem,
        expected=_number(row["answer"]),
        subject=str(row.get("solution_type", "asdiv")),
        rounded=True,
    )


def _mawps(row: dict, i: int) -> EvalItem:
    return EvalItem(
        id=str(row.get("idx", i)),
        problem=str(row["input"]).strip(),
        expected=_number(row["target"]),
        subject=str(row.get("type", "mawps")),
        rounded=True,  # like ASDiv: 3.33333 for 10/3
    )


# Keys that are wrong in the public files, with the reason, so a right answer is not scored as wrong:
# file name -> {item id: (corrected answer, why)}. Keep this short and checkable by hand.
LABEL_ERRORS: dict[str, dict[str, tuple[str, str]]] = {
    "mmlu_elementary_math.jsonl": {
        "373": ("D", "365 + 56 = 421 (option D); the file keys B, 309"),
        # keyed as if the minus signs (U+2212) had been dropped from the problem
        "229": ("A", "-47 = g + 24 gives g = -71 (option A); the file keys B, -23 (47 = g + 24 with the sign lost)"),
        "267": ("D", "14 + (-71) = -57 (option D); the file keys B, 57"),
        "334": ("B", "-25 - (-11) = -14 (option B); the file keys C, 14"),
        "343": ("B", "12/18 = 2/3 = 6/9, so the blank is 6 (option B); the file keys A, 4"),
    },
    "mawps_test.jsonl": {
        "799": ("4/3", "4 kilometers at 3 kilometers per hour take 4/3 hours; the file says 1.0"),
        "453": ("709", "1222 balloons - 513 balloons = 709; the file says 208"),
    },
}

_READERS = {
    "agieval": _agieval,
    "math": _math,
    "gsm8k": _gsm8k,
    "aqua": _aqua,
    "mmlu": _mmlu,
    "svamp": _svamp,
    "asdiv": _asdiv,
    "mawps": _mawps,
}


def load_items(
    path: str | Path,
    fmt: str,
    *,
    subjects: list[str] | None = None,
    max_level: int | None = None,
    min_level: int | None = None,
    limit: int | None = None,
) -> list[EvalItem]:
    """Read a JSONL benchmark file in format ``fmt``; return its items.

    ``subjects``/``min_level``/``max_level`` filter MATH items. Raises ProblemError for an
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
            fix = LABEL_ERRORS.get(path.name, {}).get(item.id)
            if fix:
                item.expected = fix[0]
                item.expected_letter = fix[0] if item.expected_letter else None
            if wanted is not None and item.subject.lower() not in wanted:
                continue
            if max_level is not None and item.level is not None and int(item.level) > max_level:
                continue
            if min_level is not None and item.level is not None and int(item.level) < min_level:
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
