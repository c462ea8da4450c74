"""What a job runs: a :class:`JobSpec` (the ``hisolver`` CLI arguments and where to run them)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import JobError

__all__ = ["RUNNERS", "JobSpec", "parse_slots"]

RUNNERS = ("local", "vertex")
# environment a job may not set for itself: the runner owns these
_RESERVED_ENV = re.compile(r"^(HISOLVER_JOB_ID|HISOLVER_DATA_DIR|HISOLVER_BLOB_BACKEND)$")


@dataclass(frozen=True)
class JobSpec:
    """One job: ``hisolver <args>`` with the parameters shown on the Jobs page.

    ``machine_type``, ``accelerator_type`` and ``accelerator_count`` apply to the
    Vertex runner only (e.g. ``g2-standard-8`` with ``NVIDIA_L4``). ``env`` is
    extra, non-secret environment for the job's process.
    """

    kind: str  # collect | extract | render-check | evaluate | train | pipeline | ...
    args: tuple[str, ...]  # hisolver CLI arguments, e.g. ("train", "start", "--dataset", "v1")
    params: dict[str, Any] = field(default_factory=dict)
    machine_type: str | None = None
    accelerator_type: str | None = None
    accelerator_count: int = 0
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.kind or not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", self.kind):
            raise JobError(f"job kind {self.kind!r} is not valid: use lower-case letters, digits and dashes")
        if not self.args or not all(isinstance(a, str) for a in self.args):
            raise JobError("a job needs hisolver CLI arguments as strings, e.g. ('extract', '--json')")
        object.__setattr__(self, "args", tuple(self.args))
        bad = [k for k in self.env if _RESERVED_ENV.match(k)]
        if bad:
            raise JobError(f"the runner sets {', '.join(bad)} itself: leave it out of the job's env")
        if self.accelerator_count < 0:
            raise JobError("accelerator_count cannot be negative")

    def to_json(self) -> str:
        """The spec as JSON text (stored on the job row for retries)."""
        return json.dumps(asdict(self), default=str)

    @classmethod
    def from_json(cls, text: str) -> JobSpec:
        """Rebuild a spec from :meth:`to_json` output; raises :class:`JobError` when it cannot."""
        try:
            data = json.loads(text)
            data["args"] = tuple(data["args"])
            return cls(**data)
        except (TypeError, KeyError, ValueError) as exc:
            raise JobError(f"the stored job spec cannot be read: {exc}") from exc


def parse_slots(text: str) -> dict[str, int]:
    """Parse ``HISOLVER_JOB_SLOTS`` (``train=1,default=2``) into ``{kind: limit}``.

    ``default`` is the limit for each kind not named; ``total`` (optional) caps all
    local jobs together. Raises :class:`JobError` for a malformed entry.
    """
    slots: dict[str, int] = {"default": 2}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, value = part.partition("=")
        if not sep or not value.strip().isdigit() or int(value) < 1:
            raise JobError(
                f"HISOLVER_JOB_SLOTS entry {part!r} is not valid: write kind=N with N >= 1, e.g. train=1,default=2"
            )
        slots[name.strip()] = int(value)
    return slots
